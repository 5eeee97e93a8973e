package io.paymenthub.connector.mojaloop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.connector.mojaloop.FspiopSamples;
import io.paymenthub.fspiop.FspiopException;
import io.paymenthub.fspiop.jws.FspiopSignature;
import io.paymenthub.fspiop.jws.SignedMessage;

/**
 * The hub's FSPIOP signatures against Mojaloop's own signer and validator (the SDK's
 * {@code Jws.signer} and {@code Jws.validator}, run with node from the Toolkit's installation): what
 * the hub signs, Mojaloop accepts; what Mojaloop signs, the hub accepts; a body changed after
 * signing fails on both sides.
 */
class JwsInteropIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeyPair DFSP1 = TestKeys.rsa();
    private static final String DATE = "Mon, 30 Nov 2026 10:00:00 GMT";

    private record Outcome(int exit, String output) {
    }

    private static Outcome mojaloop(ObjectNode request) throws Exception {
        Path script = Path.of("src/test/node/jws.js").toAbsolutePath();
        Process node = new ProcessBuilder("node", script.toString())
                .redirectErrorStream(true).start();
        node.getOutputStream().write(JSON.writeValueAsBytes(request));
        node.getOutputStream().close();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(node.exitValue(), output);
    }

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/vnd.interoperability.quotes+json;version=1.1");
        headers.put("date", DATE);
        headers.put("fspiop-source", "dfsp1");
        headers.put("fspiop-destination", "dfsp2");
        return headers;
    }

    @Test
    void whatTheHubSignsMojaloopsValidatorAccepts() throws Exception {
        String body = FspiopSamples.quoteRequest("10").replaceAll("\\s*\\n\\s*", "");
        String signature = FspiopSignature.sign(DFSP1.getPrivate(), new SignedMessage("POST", "/quotes", "dfsp1", "dfsp2", DATE, body));
        Map<String, String> headers = headers();
        headers.put("fspiop-uri", "/quotes");
        headers.put("fspiop-http-method", "POST");
        headers.put("fspiop-signature", signature);

        ObjectNode verify = JSON.createObjectNode();
        verify.putObject("verify").put("body", body).put("source", "dfsp1")
                .put("publicKey", TestKeys.pem("PUBLIC KEY", DFSP1.getPublic().getEncoded()))
                .set("headers", JSON.valueToTree(headers));
        Outcome accepted = mojaloop(verify);
        ((ObjectNode) verify.path("verify")).put("body", body.replace("\"10\"", "\"1000\""));
        Outcome tampered = mojaloop(verify);

        assertThat(accepted.output()).isEqualTo("valid");
        assertThat(accepted.exit()).isZero();
        assertThat(tampered.exit()).isNotZero();
    }

    @Test
    void whatMojaloopSignsTheHubAccepts() throws Exception {
        String body = FspiopSamples.quoteRequest("10").replaceAll("\\s*\\n\\s*", "");
        ObjectNode sign = JSON.createObjectNode();
        sign.putObject("sign").put("method", "POST").put("url", "http://switch:4040/quotes").put("body", body)
                .put("privateKey", TestKeys.pem("PRIVATE KEY", DFSP1.getPrivate().getEncoded()))
                .set("headers", JSON.valueToTree(headers()));
        Outcome signed = mojaloop(sign);
        assertThat(signed.exit()).as(signed.output()).isZero();
        JsonNode added = JSON.readTree(signed.output());

        SignedMessage message = new SignedMessage("POST", "/quotes", "dfsp1", "dfsp2", DATE, body);
        assertThatNoException().isThrownBy(() -> FspiopSignature.verify(DFSP1.getPublic(), message,
                added.path("fspiop-signature").asText(), added.path("fspiop-uri").asText(), added.path("fspiop-http-method").asText()));
        SignedMessage tampered = new SignedMessage("POST", "/quotes", "dfsp1", "dfsp2", DATE, body.replace("\"10\"", "\"1000\""));
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> FspiopSignature.verify(DFSP1.getPublic(), tampered,
                added.path("fspiop-signature").asText(), "/quotes", "POST"), FspiopException.class).code().code()).isEqualTo("3105");
    }
}
