package io.paymenthub.connector.mojaloop.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.paymenthub.connector.mojaloop.FspiopSamples;
import io.paymenthub.fspiop.FspiopVersion;

/** The OpenAPI documents of both versions, as the Testing Toolkit ships them, applied to requests. */
class FspiopSpecificationTest {

    private static final FspiopSpecification V1_1 = FspiopSpecification.load(FspiopVersion.V1_1);
    private static final FspiopSpecification V1_0 = FspiopSpecification.load(FspiopVersion.V1_0);

    private static List<Violation> validate(FspiopSpecification spec, String method, String path,
                                            Map<String, String> headers, String body) {
        return spec.validate(spec.find(method, path).orElseThrow(), headers, body);
    }

    @Test
    void knowsTheOperationsOfEachVersion() {
        assertThat(V1_1.operations()).hasSizeGreaterThan(40);
        assertThat(V1_1.find("POST", "/quotes")).isPresent();
        assertThat(V1_1.find("PATCH", "/transfers/b51ec534-ee48-4575-b6a9-ead2955b8069")).isPresent();
        assertThat(V1_0.find("PATCH", "/transfers/b51ec534-ee48-4575-b6a9-ead2955b8069")).isEmpty();
        assertThat(V1_1.find("PUT", "/parties/MSISDN/255700000001/error")).get()
                .satisfies(m -> assertThat(m.operation().template()).isEqualTo("/parties/{Type}/{ID}/error"));
        assertThat(V1_1.find("PUT", "/participants/9f8b1e52-3c1a-4d2b-8f6e-1a2b3c4d5e6f/error")).get()
                .satisfies(m -> assertThat(m.operation().template()).isEqualTo("/participants/{ID}/error"));
        assertThat(V1_1.find("GET", "/nothing")).isEmpty();
        assertThat(V1_1.knowsPath("/quotes")).isTrue();
    }

    @Test
    void aWellFormedQuoteRequestPassesInBothVersions() {
        assertThat(validate(V1_1, "POST", "/quotes", FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2"),
                FspiopSamples.quoteRequest("10.5"))).isEmpty();
        assertThat(validate(V1_0, "POST", "/quotes", FspiopSamples.headers("quotes", "1.0", "dfsp1", "dfsp2"),
                FspiopSamples.quoteRequest("10.5"))).isEmpty();
    }

    @Test
    void namesAMissingHeaderAndAMissingMember() {
        Map<String, String> headers = FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2");
        headers.remove("FSPIOP-Source");
        String body = FspiopSamples.quoteRequest("10").replace("\"amountType\":\"SEND\",", "");

        assertThat(validate(V1_1, "POST", "/quotes", headers, body))
                .extracting(Violation::kind, Violation::where)
                .contains(org.assertj.core.groups.Tuple.tuple(Violation.Kind.MISSING, "header FSPIOP-Source"),
                        org.assertj.core.groups.Tuple.tuple(Violation.Kind.MISSING, "body.amountType"));
    }

    @Test
    void appliesTheSpecificationsPatternsAndEnumerations() {
        Map<String, String> headers = FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2");

        assertThat(validate(V1_1, "POST", "/quotes", headers, FspiopSamples.quoteRequest("10.50")))
                .singleElement().satisfies(v -> {
                    assertThat(v.kind()).isEqualTo(Violation.Kind.INVALID);
                    assertThat(v.where()).isEqualTo("body.amount.amount");
                    assertThat(v.problem()).startsWith("does not match");
                });
        assertThat(validate(V1_1, "POST", "/quotes", headers, FspiopSamples.quoteRequest("10").replace("\"SEND\"", "\"GIVE\"")))
                .singleElement().satisfies(v -> assertThat(v.where()).isEqualTo("body.amountType"));
        assertThat(validate(V1_1, "POST", "/quotes", headers, FspiopSamples.quoteRequest("10").replace("\"quoteId\":\"b51ec534", "\"quoteId\":\"not-a-uuid")))
                .anySatisfy(v -> assertThat(v.where()).isEqualTo("body.quoteId"));
        // The document types the path's {Type} as any string: an unknown type is the party lookup's to refuse.
        assertThat(validate(V1_1, "GET", "/parties/PHONE/255700000001", FspiopSamples.headers("parties", "1.1", "dfsp1", null), null))
                .isEmpty();
    }

    @Test
    void judgesNamesWithTheSpecificationsUnicodeClasses() {
        Map<String, String> headers = FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2");

        assertThat(validate(V1_1, "POST", "/quotes", headers, FspiopSamples.quoteRequest("10").replace("Alice Mwangi", "Zoë Ñúñez-O'Brien")))
                .isEmpty();
        assertThat(validate(V1_1, "POST", "/quotes", headers, FspiopSamples.quoteRequest("10").replace("Alice Mwangi", "   ")))
                .anySatisfy(v -> assertThat(v.where()).isEqualTo("body.payer.name"));
        assertThat(validate(V1_1, "POST", "/quotes", headers, FspiopSamples.quoteRequest("10").replace("Alice Mwangi", "Alice <script>")))
                .anySatisfy(v -> assertThat(v.where()).isEqualTo("body.payer.name"));
    }

    @Test
    void aBodyThatIsNotJsonIsMalformed() {
        assertThat(validate(V1_1, "POST", "/quotes", FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2"), "{\"quoteId\":"))
                .singleElement().satisfies(v -> assertThat(v.kind()).isEqualTo(Violation.Kind.MALFORMED));
        assertThat(validate(V1_1, "POST", "/quotes", FspiopSamples.headers("quotes", "1.1", "dfsp1", "dfsp2"), ""))
                .singleElement().satisfies(v -> assertThat(v.kind()).isEqualTo(Violation.Kind.MISSING));
    }
}
