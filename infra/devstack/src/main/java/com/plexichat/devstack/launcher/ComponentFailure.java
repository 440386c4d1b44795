package com.plexichat.devstack.launcher;

/** A component that did not come up, with the reason. */
final class ComponentFailure extends RuntimeException {
    final Component component;
    /** False when it failed before it ran: its log is from an earlier run then. */
    final boolean showLog;

    ComponentFailure(Component component, String message, boolean showLog) {
        super(message);
        this.component = component;
        this.showLog = showLog;
    }
}
