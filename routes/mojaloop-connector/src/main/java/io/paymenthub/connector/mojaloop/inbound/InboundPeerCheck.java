package io.paymenthub.connector.mojaloop.inbound;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.fspiop.FspiopErrorCode;
import io.paymenthub.fspiop.FspiopException;
import io.paymenthub.fspiop.FspiopHeaders;

/**
 * Only the scheme's participants speak here: {@code FSPIOP-Source} must be the switch, one of the
 * DFSPs the switch may forward for ({@code peers}), or a tenant of this hub (whose own payments come
 * back through the switch). A {@code PATCH}, which tells a payee how a reserved transfer ended, is
 * the switch's alone. Anything else is refused 400 / 3100 before it is stored.
 */
public class InboundPeerCheck implements Processor {

    private final TenantDirectory tenants;
    private final String switchFspId;
    private final Set<String> peers;

    /**
     * @param switchFspId the switch's own fspId ({@code switch} in a Mojaloop hub)
     * @param peers       the other FSPs whose messages the switch delivers here, comma-separated
     */
    public InboundPeerCheck(TenantDirectory tenants, String switchFspId, String peers) {
        this.tenants = tenants;
        this.switchFspId = switchFspId.trim();
        this.peers = Arrays.stream(peers == null ? new String[0] : peers.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void process(Exchange exchange) {
        InboundRequest request = exchange.getProperty(FspiopInboundRouteBuilder.REQUEST, InboundRequest.class);
        String name = request.sentName(FspiopHeaders.FSPIOP_SOURCE);
        String source = request.header(FspiopHeaders.FSPIOP_SOURCE);
        if (source == null || source.isBlank()) {
            throw new FspiopException(FspiopErrorCode.MISSING_ELEMENT, "Missing " + name + " header");
        }
        if ("PATCH".equals(request.method()) && !switchFspId.equals(source)) {
            throw new FspiopException(FspiopErrorCode.VALIDATION_ERROR, name + " " + source + " may not send PATCH: only the switch "
                    + switchFspId + " may");
        }
        if (!accepts(source)) {
            throw new FspiopException(FspiopErrorCode.VALIDATION_ERROR, name + " " + source + " is not a participant this FSP accepts");
        }
    }

    boolean accepts(String source) {
        return switchFspId.equals(source) || peers.contains(source) || tenants.byFspId(source).isPresent();
    }
}
