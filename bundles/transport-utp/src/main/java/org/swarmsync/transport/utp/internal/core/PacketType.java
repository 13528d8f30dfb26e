package org.swarmsync.transport.utp.internal.core;

/** The five µTP packet types (high nibble of header byte 0); values 5..15 are invalid. */
final class PacketType {

    static final int DATA = 0;
    static final int FIN = 1;
    static final int STATE = 2;
    static final int RESET = 3;
    static final int SYN = 4;

    /** The first invalid type value. */
    static final int COUNT = 5;

    private static final String[] NAMES = {"DATA", "FIN", "STATE", "RESET", "SYN"};

    private PacketType() {
    }

    static String name(int type) {
        return type >= 0 && type < COUNT ? NAMES[type] : "INVALID(" + type + ")";
    }
}
