package io.paymenthub.core.account;

/**
 * A money call's outcome.
 *
 * @param completedTimestamp as the system reported it, or null
 * @param alreadyDone        true when the system had already booked exactly this, from an earlier call
 */
public record BookingResult(String transferCode, String completedTimestamp, boolean alreadyDone) {
}
