package com.plexichat.platform.events;

import com.plexichat.platform.events.admin.ApiKeyCreated;
import com.plexichat.platform.events.admin.ApiKeyRevoked;
import com.plexichat.platform.events.admin.SettingsChanged;
import com.plexichat.platform.events.auth.LoginAttempted;
import com.plexichat.platform.events.auth.SessionRevoked;
import com.plexichat.platform.events.auth.TwoFactorChanged;
import com.plexichat.platform.events.auth.UserDeleted;
import com.plexichat.platform.events.auth.UserRegistered;
import com.plexichat.platform.events.call.CallEnded;
import com.plexichat.platform.events.call.CallParticipantJoined;
import com.plexichat.platform.events.call.CallParticipantLeft;
import com.plexichat.platform.events.call.CallStarted;
import com.plexichat.platform.events.call.VoiceJoined;
import com.plexichat.platform.events.call.VoiceLeft;
import com.plexichat.platform.events.channel.ChannelArchived;
import com.plexichat.platform.events.channel.ChannelCreated;
import com.plexichat.platform.events.channel.ChannelDeleted;
import com.plexichat.platform.events.channel.ChannelMemberAdded;
import com.plexichat.platform.events.channel.ChannelMemberRemoved;
import com.plexichat.platform.events.channel.ChannelPermissionsUpdated;
import com.plexichat.platform.events.channel.ChannelUpdated;
import com.plexichat.platform.events.file.FileDeleted;
import com.plexichat.platform.events.file.FileShared;
import com.plexichat.platform.events.file.FileSharesRevoked;
import com.plexichat.platform.events.file.FileThumbnailReady;
import com.plexichat.platform.events.file.FileUploaded;
import com.plexichat.platform.events.message.ConversationRead;
import com.plexichat.platform.events.message.DmCreated;
import com.plexichat.platform.events.message.MessageDeleted;
import com.plexichat.platform.events.message.MessageEdited;
import com.plexichat.platform.events.message.MessageSent;
import com.plexichat.platform.events.message.ReactionAdded;
import com.plexichat.platform.events.message.ReactionRemoved;
import com.plexichat.platform.events.message.TypingStarted;
import com.plexichat.platform.events.org.OrgCreated;
import com.plexichat.platform.events.org.OrgDeleted;
import com.plexichat.platform.events.org.OrgMemberAdded;
import com.plexichat.platform.events.org.OrgMemberRemoved;
import com.plexichat.platform.events.org.OrgUpdated;
import com.plexichat.platform.events.user.ConnectionClosed;
import com.plexichat.platform.events.user.ConnectionOpened;
import com.plexichat.platform.events.user.PresenceChanged;
import com.plexichat.platform.events.user.UserDeletionRequested;
import com.plexichat.platform.events.user.UserStatusChanged;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event contract of the platform, by name: for checks that need the contract of an envelope's type. */
public final class EventTypes {

    public static final List<EventType<?>> ALL = List.of(
            ApiKeyCreated.TYPE,
            ApiKeyRevoked.TYPE,
            SettingsChanged.TYPE,
            LoginAttempted.TYPE,
            SessionRevoked.TYPE,
            TwoFactorChanged.TYPE,
            UserDeleted.TYPE,
            UserRegistered.TYPE,
            CallEnded.TYPE,
            CallParticipantJoined.TYPE,
            CallParticipantLeft.TYPE,
            CallStarted.TYPE,
            VoiceJoined.TYPE,
            VoiceLeft.TYPE,
            ChannelArchived.TYPE,
            ChannelCreated.TYPE,
            ChannelDeleted.TYPE,
            ChannelMemberAdded.TYPE,
            ChannelMemberRemoved.TYPE,
            ChannelPermissionsUpdated.TYPE,
            ChannelUpdated.TYPE,
            FileDeleted.TYPE,
            FileShared.TYPE,
            FileSharesRevoked.TYPE,
            FileThumbnailReady.TYPE,
            FileUploaded.TYPE,
            ConversationRead.TYPE,
            DmCreated.TYPE,
            MessageDeleted.TYPE,
            MessageEdited.TYPE,
            MessageSent.TYPE,
            ReactionAdded.TYPE,
            ReactionRemoved.TYPE,
            TypingStarted.TYPE,
            OrgCreated.TYPE,
            OrgDeleted.TYPE,
            OrgMemberAdded.TYPE,
            OrgMemberRemoved.TYPE,
            OrgUpdated.TYPE,
            ConnectionClosed.TYPE,
            ConnectionOpened.TYPE,
            PresenceChanged.TYPE,
            UserDeletionRequested.TYPE,
            UserStatusChanged.TYPE);

    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    private EventTypes() {}

    public static Optional<EventType<?>> named(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }
}
