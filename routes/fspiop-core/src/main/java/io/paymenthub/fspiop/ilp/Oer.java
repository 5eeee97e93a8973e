package io.paymenthub.fspiop.ilp;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The few OER (ITU-T X.696) encodings ILP packets use: fixed UInt8/UInt64 big-endian and
 * variable-length octet strings with a canonical length prefix (one byte below 128, else
 * {@code 0x80 | n} followed by n length bytes, as few as possible), as the {@code oer-utils}
 * package writes and checks them.
 */
final class Oer {

    private Oer() {
    }

    static void writeUInt64(ByteArrayOutputStream out, BigInteger value) {
        if (value.signum() < 0 || value.compareTo(IlpAmount.MAX) > 0) {
            throw new IlpException("not a UInt64: " + value);
        }
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[8];
        int n = Math.min(raw.length, 8);
        System.arraycopy(raw, raw.length - n, fixed, 8 - n, n);
        out.writeBytes(fixed);
    }

    static void writeVarOctetString(ByteArrayOutputStream out, byte[] value) {
        int length = value.length;
        if (length <= 127) {
            out.write(length);
        } else {
            int lengthOfLength = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | lengthOfLength);
            for (int i = lengthOfLength - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(value);
    }

    /** A cursor over a byte array that fails with {@link IlpException} on any short or non-canonical read. */
    static final class Reader {
        private final byte[] bytes;
        private int position;
        private final int end;

        Reader(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        private Reader(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        int readUInt8() {
            require(1);
            return bytes[position++] & 0xFF;
        }

        BigInteger readUInt64() {
            return new BigInteger(1, read(8));
        }

        byte[] read(int count) {
            require(count);
            byte[] slice = Arrays.copyOfRange(bytes, position, position + count);
            position += count;
            return slice;
        }

        byte[] readVarOctetString() {
            return read(readLengthPrefix());
        }

        /** A reader over the next variable-length octet string, without copying. */
        Reader readVarOctetStringReader() {
            int length = readLengthPrefix();
            require(length);
            Reader inner = new Reader(bytes, position, position + length);
            position += length;
            return inner;
        }

        void requireEnd(String what) {
            if (position != end) {
                throw new IlpException(what + ": " + (end - position) + " unexpected trailing bytes");
            }
        }

        private int readLengthPrefix() {
            int first = readUInt8();
            if ((first & 0x80) == 0) {
                return first;
            }
            int lengthOfLength = first & 0x7F;
            if (lengthOfLength == 0 || lengthOfLength > 4) {
                throw new IlpException("unsupported length prefix of " + lengthOfLength + " bytes");
            }
            long length = 0;
            for (int i = 0; i < lengthOfLength; i++) {
                length = length << 8 | readUInt8();
            }
            long minimum = Math.max(128, 1L << ((lengthOfLength - 1) * 8));
            if (length < minimum) {
                throw new IlpException("Length prefix encoding is not canonical: " + length + " encoded in " + lengthOfLength + " bytes");
            }
            if (length > end - position) {
                throw new IlpException("length " + length + " exceeds the " + (end - position) + " bytes left");
            }
            return (int) length;
        }

        private void require(int count) {
            if (count < 0 || count > end - position) {
                throw new IlpException("packet too short: needs " + count + " more bytes, has " + (end - position));
            }
        }
    }
}
