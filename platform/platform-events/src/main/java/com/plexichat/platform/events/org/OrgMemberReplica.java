package com.plexichat.platform.events.org;

import com.plexichat.platform.events.EventHandlers;
import java.util.UUID;

/**
 * A service's copy of who belongs to which organization, kept from org-service's events. Services that decide what a
 * user may see or join by organization (user-, messaging- and channel-service) implement the store; {@link #follow}
 * turns the events into its calls, the same way for all of them.
 */
public interface OrgMemberReplica {

    /** @param role {@code owner}, {@code admin}, {@code member} or {@code guest} */
    void memberAdded(UUID organizationId, UUID userId, String role);

    void memberRemoved(UUID organizationId, UUID userId);

    /** The organization and every membership the replica keeps of it go. */
    void organizationDeleted(UUID organizationId);

    /**
     * Adds the handling of the membership events, applied once each, to a consumer's handlers. Each event carries its
     * organization's version and is applied only where it is newer than what was applied to that membership: a
     * retried {@code org.member-added} that arrives after the {@code org.member-removed} that followed it restores
     * nothing, and after {@code org.deleted} no late event brings a member back.
     */
    static EventHandlers.Builder follow(EventHandlers.Builder handlers, OrgMemberReplica replica) {
        return handlers.onceByVersion(OrgMemberAdded.TYPE, (added, versions) -> {
                    if (!versions.seen(deletedMark(added.organizationId()))
                            && versions.advance(membership(added.organizationId(), added.userId()))) {
                        replica.memberAdded(added.organizationId(), added.userId(), added.role());
                    }
                })
                .onceByVersion(OrgMemberRemoved.TYPE, (removed, versions) -> {
                    if (versions.advance(membership(removed.organizationId(), removed.userId()))) {
                        replica.memberRemoved(removed.organizationId(), removed.userId());
                    }
                })
                .onceByVersion(OrgDeleted.TYPE, (deleted, versions) -> {
                    versions.advance(deletedMark(deleted.organizationId()));
                    replica.organizationDeleted(deleted.organizationId());
                });
    }

    private static String membership(UUID organizationId, UUID userId) {
        return "org:" + organizationId + ":member:" + userId;
    }

    private static String deletedMark(UUID organizationId) {
        return "org:" + organizationId + ":deleted";
    }
}
