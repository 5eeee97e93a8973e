package io.paymenthub.connector.mojaloop.inbound;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.fspiop.FspiopErrorCode;
import io.paymenthub.fspiop.FspiopException;
import io.paymenthub.fspiop.FspiopHeaders;

/**
 * Content-based routing of what the switch sends: {@code FSPIOP-Destination} names the tenant's
 * fspId. A destination this hub does not serve is 3201. Only a first {@code GET /parties} may come
 * without one (the switch does not know the payee's FSP yet): it is accepted for every tenant, and
 * the party lookup finds which one holds the party. Without a destination anything else is 3201,
 * unless the hub serves a single tenant. A suspended tenant is sent nothing new (2003).
 */
public class InboundTenantRouter implements Processor {

    /** The tenant value of a party lookup that any tenant may answer. */
    public static final String ANY_TENANT = "*";

    private final TenantDirectory tenants;

    public InboundTenantRouter(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    @Override
    public void process(Exchange exchange) {
        InboundRequest request = exchange.getProperty(FspiopInboundRouteBuilder.REQUEST, InboundRequest.class);
        String destination = request.header(FspiopHeaders.FSPIOP_DESTINATION);
        String tenant;
        if (destination != null && !destination.isBlank()) {
            Tenant destined = tenants.byFspId(destination.trim())
                    .orElseThrow(() -> new FspiopException(FspiopErrorCode.DESTINATION_FSP_ERROR,
                            "FSP " + destination.trim() + " is not served here"));
            refuseNewWorkOfSuspended(destined, request);
            tenant = destined.name();
        } else {
            List<Tenant> served = tenants.tenants();
            if (served.size() == 1) {
                refuseNewWorkOfSuspended(served.get(0), request);
                tenant = served.get(0).name();
            } else if ("GET".equals(request.method()) && request.path().startsWith("/parties/")) {
                tenant = ANY_TENANT;
            } else {
                throw new FspiopException(FspiopErrorCode.DESTINATION_FSP_ERROR,
                        "FSPIOP-Destination is required: this hub serves several FSPs");
            }
        }
        exchange.setProperty(FspiopInboundRouteBuilder.REQUEST, request.withTenant(tenant));
    }

    /**
     * A suspended tenant starts nothing new: the switch's lookups, quotes and requests to pay are
     * 2003 (HTTP 503), while transfers of quotes it gave and every callback go on.
     */
    private static void refuseNewWorkOfSuspended(Tenant tenant, InboundRequest request) {
        if (!tenant.suspended()) {
            return;
        }
        String path = request.path();
        boolean newWork = "GET".equals(request.method()) && path.startsWith("/parties/")
                || "POST".equals(request.method()) && (path.equals("/quotes") || path.equals("/transactionRequests")
                        || path.equals("/bulkQuotes"));
        if (newWork) {
            throw new FspiopException(FspiopErrorCode.SERVICE_CURRENTLY_UNAVAILABLE,
                    "FSP " + tenant.fspId() + " takes no new work now (suspended); try again later");
        }
    }
}
