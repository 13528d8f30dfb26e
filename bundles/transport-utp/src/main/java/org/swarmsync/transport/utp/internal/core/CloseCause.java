package org.swarmsync.transport.utp.internal.core;

/** Why a connection left its endpoint. */
public enum CloseCause {
    /** Both directions finished (FINs exchanged and acknowledged), or our FIN was acknowledged after a local close. */
    NORMAL,
    /** The peer sent RESET on an established connection. */
    RESET,
    /** The peer answered our SYN with RESET. */
    REFUSED,
    /** The peer stopped answering: retransmissions, the SYN or the half-open period timed out. */
    TIMED_OUT,
    /** Closed locally before the exchange could finish (abort, or close before connecting). */
    ABORTED,
    /** The endpoint itself was shut down. */
    SHUTDOWN
}
