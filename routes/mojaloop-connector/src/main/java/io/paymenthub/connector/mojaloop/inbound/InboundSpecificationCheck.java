package io.paymenthub.connector.mojaloop.inbound;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.paymenthub.connector.mojaloop.spec.FspiopSpecification;
import io.paymenthub.connector.mojaloop.spec.Violation;
import io.paymenthub.fspiop.FspiopErrorCode;
import io.paymenthub.fspiop.FspiopException;
import io.paymenthub.fspiop.FspiopVersion;

/**
 * Checks a request against the OpenAPI document of its version: an unknown path is 404 / 3002, a
 * known path with another method 405 / 3000, a missing header, parameter or member 400 / 3102,
 * a body that is not JSON 400 / 3101, any other breach 400 / 3100. The description names the
 * element, so the sender can fix it.
 */
public class InboundSpecificationCheck implements Processor {

    private final Map<FspiopVersion, FspiopSpecification> specifications;

    public InboundSpecificationCheck(Map<FspiopVersion, FspiopSpecification> specifications) {
        this.specifications = Map.copyOf(specifications);
    }

    /** Both versions the hub speaks, loaded from the documents packed into this bundle. */
    public static InboundSpecificationCheck forSupportedVersions() {
        return new InboundSpecificationCheck(Map.of(
                FspiopVersion.V1_0, FspiopSpecification.load(FspiopVersion.V1_0),
                FspiopVersion.V1_1, FspiopSpecification.load(FspiopVersion.V1_1)));
    }

    @Override
    public void process(Exchange exchange) {
        InboundRequest request = exchange.getProperty(FspiopInboundRouteBuilder.REQUEST, InboundRequest.class);
        FspiopSpecification specification = specifications.get(request.version());
        if (specification == null) {
            throw new FspiopException(FspiopErrorCode.UNACCEPTABLE_VERSION, "no specification for version " + request.version());
        }
        FspiopSpecification.Match match = specification.find(request.method(), request.path())
                .orElseThrow(() -> specification.knowsPath(request.path())
                        ? new FspiopException(FspiopErrorCode.METHOD_NOT_ALLOWED, request.method() + " " + request.path())
                        : new FspiopException(FspiopErrorCode.UNKNOWN_URI, request.path()));
        List<Violation> violations = specification.validate(match, request.headers(), request.body());
        if (violations.isEmpty()) {
            return;
        }
        throw reject(violations);
    }

    static FspiopException reject(List<Violation> violations) {
        Violation first = violations.stream().filter(v -> v.kind() == Violation.Kind.MISSING).findFirst()
                .or(() -> violations.stream().filter(v -> v.kind() == Violation.Kind.MALFORMED).findFirst())
                .orElse(violations.get(0));
        FspiopErrorCode code = switch (first.kind()) {
            case MISSING -> FspiopErrorCode.MISSING_ELEMENT;
            case MALFORMED -> FspiopErrorCode.MALFORMED_SYNTAX;
            case INVALID -> FspiopErrorCode.VALIDATION_ERROR;
        };
        String detail = first + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "");
        return new FspiopException(code, detail);
    }
}
