package io.paymenthub.fspiop.ilp;

import java.util.Base64;

/**
 * Base64url as Mojaloop writes it: URL alphabet, no padding. Reading is as tolerant as Node's
 * {@code Buffer.from(s, 'base64')} for well-formed input: either alphabet, padding or not; any
 * other character is refused rather than skipped.
 */
public final class Base64Url {

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @throws IlpException when {@code text} is not base64 in either alphabet */
    public static byte[] decode(String text) {
        if (text == null) {
            throw new IlpException("base64url value missing");
        }
        String url = text.replace('+', '-').replace('/', '_');
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '=') {
            end--;
        }
        try {
            return Base64.getUrlDecoder().decode(url.substring(0, end));
        } catch (IllegalArgumentException e) {
            throw new IlpException("not base64url: " + abbreviate(text), e);
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
