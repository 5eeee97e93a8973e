package io.paymenthub.fspiop.ilp;

/** The ILP packet formats Mojaloop DFSPs exchange in {@code ilpPacket}. */
public enum IlpVersion {
    /** ILP v1 payment packet (type 1); the SDK scheme adapter's and Testing Toolkit's FSPIOP default. */
    V1,
    /** ILP v4 Prepare packet (type 12). */
    V4
}
