package io.paymenthub.fspiop.jws;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.fspiop.FspiopErrorCode;
import io.paymenthub.fspiop.FspiopException;
import io.paymenthub.fspiop.ilp.Base64Url;
import io.paymenthub.fspiop.ilp.JavaScriptJson;

/**
 * The JWS of the FSPIOP specification ("Signature" chapter), as Mojaloop's SDK and switch make and
 * check it: a compact JWS over the body whose protected header carries {@code alg} (RS256, or ES256
 * for an EC key), {@code FSPIOP-URI}, {@code FSPIOP-HTTP-Method}, {@code FSPIOP-Source}, and when the
 * message has them {@code FSPIOP-Destination} and {@code Date}; sent as the header
 * {@code FSPIOP-Signature: {"signature":"...","protectedHeader":"..."}} (the payload travels as the
 * body). The JDK's {@link Signature} does both algorithms; the envelope is base64url and JSON.
 *
 * <p>A signature is valid only when it verifies with the sender's key and its protected header names
 * the very method, path, sender, receiver and date of the message it came with: a signed body
 * replayed to another resource or under another sender fails.
 */
public final class FspiopSignature {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FspiopSignature() {
    }

    /** The {@code FSPIOP-Signature} header value for a message, signed with {@code key}. */
    public static String sign(PrivateKey key, SignedMessage message) throws GeneralSecurityException {
        Objects.requireNonNull(message.body(), "an FSPIOP signature covers a body");
        String alg = algorithmOf(key);
        ObjectNode header = JSON.createObjectNode();
        header.put("alg", alg);
        header.put("FSPIOP-URI", message.uri());
        header.put("FSPIOP-HTTP-Method", message.method().toUpperCase(java.util.Locale.ROOT));
        header.put("FSPIOP-Source", message.source());
        if (message.destination() != null) {
            header.put("FSPIOP-Destination", message.destination());
        }
        if (message.date() != null) {
            header.put("Date", message.date());
        }
        String protectedHeader = Base64Url.encode(header.toString().getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance(jcaName(alg));
        signer.initSign(key);
        signer.update(signingInput(protectedHeader, message.body()));
        ObjectNode value = JSON.createObjectNode();
        value.put("signature", Base64Url.encode(signer.sign()));
        value.put("protectedHeader", protectedHeader);
        return value.toString();
    }

    /**
     * Checks the {@code FSPIOP-Signature} of a message against the sender's key.
     *
     * @param uriHeader the message's {@code FSPIOP-URI} header, which must agree with its path
     * @param methodHeader the message's {@code FSPIOP-HTTP-Method} header, which must agree with its method
     * @throws FspiopException 3105 naming what does not hold
     */
    public static void verify(PublicKey key, SignedMessage message, String signatureHeader, String uriHeader, String methodHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw invalid("FSPIOP-Signature is missing");
        }
        if (uriHeader == null || methodHeader == null) {
            throw invalid("FSPIOP-URI and FSPIOP-HTTP-Method are required with FSPIOP-Signature");
        }
        JsonNode value;
        JsonNode header;
        String protectedHeader;
        byte[] signature;
        try {
            value = JSON.readTree(signatureHeader);
            protectedHeader = value.path("protectedHeader").asText();
            signature = Base64Url.decode(value.path("signature").asText());
            header = JSON.readTree(Base64Url.decode(protectedHeader));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw invalid("FSPIOP-Signature is not readable: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw invalid("FSPIOP-Signature is not readable");
        }
        if (header == null || !header.isObject()) {
            throw invalid("the protected header is not a JSON object");
        }
        String alg = header.path("alg").asText();
        if (!alg.equals("RS256") && !alg.equals("ES256")) {
            throw invalid("alg " + alg + " is not RS256 or ES256");
        }
        expect(header, "FSPIOP-URI", message.uri(), "the path");
        expect(header, "FSPIOP-URI", uriHeader, "FSPIOP-URI");
        expect(header, "FSPIOP-HTTP-Method", message.method().toUpperCase(java.util.Locale.ROOT), "the method");
        expect(header, "FSPIOP-HTTP-Method", methodHeader, "FSPIOP-HTTP-Method");
        expect(header, "FSPIOP-Source", message.source(), "FSPIOP-Source");
        optional(header, "FSPIOP-Destination", message.destination());
        optional(header, "Date", message.date());
        try {
            if (!algorithmOf(key).equals(alg)) {
                throw invalid("alg " + alg + " does not fit the sender's key");
            }
            if (verifies(key, alg, protectedHeader, message.body(), signature)) {
                return;
            }
            // Mojaloop signs and checks JSON.stringify of the parsed body: a body sent in another spelling still verifies so.
            String reserialised = JavaScriptJson.stringify(JSON.readTree(message.body()));
            if (!reserialised.equals(message.body()) && verifies(key, alg, protectedHeader, reserialised, signature)) {
                return;
            }
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            if (e instanceof FspiopException fspiop) {
                throw fspiop;
            }
            throw invalid("the signature does not verify: " + e.getMessage());
        }
        throw invalid("the signature does not verify with the key of " + message.source());
    }

    private static boolean verifies(PublicKey key, String alg, String protectedHeader, String body, byte[] signature)
            throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(jcaName(alg));
        verifier.initVerify(key);
        verifier.update(signingInput(protectedHeader, body));
        return verifier.verify(signature);
    }

    private static byte[] signingInput(String protectedHeader, String body) {
        return (protectedHeader + "." + Base64Url.encode(body.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII);
    }

    private static void expect(JsonNode header, String member, String actual, String what) {
        String signed = header.path(member).asText(null);
        if (signed == null) {
            throw invalid("the protected header has no " + member);
        }
        if (!signed.equals(actual)) {
            throw invalid("the protected header's " + member + " " + signed + " is not " + what + " " + actual);
        }
    }

    /** A member the message has must be signed, and a signed member must be the message's. */
    private static void optional(JsonNode header, String member, String actual) {
        String signed = header.path(member).asText(null);
        if (actual == null && signed == null) {
            return;
        }
        if (actual == null || !actual.equals(signed)) {
            throw invalid("the protected header's " + member + " " + signed + " is not the message's " + actual);
        }
    }

    private static String algorithmOf(java.security.Key key) throws GeneralSecurityException {
        if (key instanceof RSAKey) {
            return "RS256";
        }
        if (key instanceof ECKey) {
            return "ES256";
        }
        throw new GeneralSecurityException("an FSPIOP signature key is RSA or EC, not " + key.getAlgorithm());
    }

    private static String jcaName(String alg) {
        return alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format";
    }

    private static FspiopException invalid(String detail) {
        return new FspiopException(FspiopErrorCode.INVALID_SIGNATURE, detail);
    }
}
