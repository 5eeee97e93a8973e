package io.paymenthub.flow.payee;

import org.apache.camel.Message;

import io.paymenthub.connector.mojaloop.inbound.InboundMessage;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;

/** A request of the switch as the dispatcher hands it to the flows: its routing facts and body. */
record SwitchRequest(String tenant, String method, String path, String resource, String version, String source, String body) {

    /** The tenant the request is for; it may have been removed since the switch sent it. */
    Tenant tenantIn(TenantDirectory tenants) {
        return tenants.byName(tenant).orElseThrow(() -> new IllegalStateException("Tenant " + tenant + " is no longer served"));
    }

    static SwitchRequest of(Message message) {
        return new SwitchRequest(message.getHeader(InboundMessage.TENANT, String.class),
                message.getHeader(InboundMessage.METHOD, String.class),
                message.getHeader(InboundMessage.PATH, String.class),
                message.getHeader(InboundMessage.RESOURCE, String.class),
                message.getHeader(InboundMessage.VERSION, String.class),
                message.getHeader(InboundMessage.SOURCE, String.class),
                message.getBody(String.class));
    }
}
