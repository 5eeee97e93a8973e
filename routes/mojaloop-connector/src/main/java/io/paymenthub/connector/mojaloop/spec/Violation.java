package io.paymenthub.connector.mojaloop.spec;

/**
 * One way a request breaks the FSPIOP specification.
 *
 * @param where a readable location: {@code header FSPIOP-Source}, {@code body.payee.partyIdInfo.partyIdType}
 */
public record Violation(Kind kind, String where, String problem) {

    /** Maps onto FSPIOP's error codes: 3102 missing mandatory element, 3101 malformed syntax, 3100 validation error. */
    public enum Kind { MISSING, MALFORMED, INVALID }

    @Override
    public String toString() {
        return where + " " + problem;
    }
}
