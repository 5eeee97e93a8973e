package io.paymenthub.fspiop.jws;

/**
 * What an FSPIOP signature covers: the request line's method and path, the sender and receiver,
 * the date and the body exactly as sent.
 *
 * @param uri         the path from the resource on ({@code /quotes/{ID}}), as {@code FSPIOP-URI} carries it
 * @param destination {@code FSPIOP-Destination}, null when the message has none
 * @param date        the {@code Date} header, null when the message has none
 */
public record SignedMessage(String method, String uri, String source, String destination, String date, String body) {
}
