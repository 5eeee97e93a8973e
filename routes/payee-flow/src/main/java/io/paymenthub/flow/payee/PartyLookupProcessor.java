package io.paymenthub.flow.payee;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.connector.mojaloop.inbound.InboundTenantRouter;
import io.paymenthub.core.account.AccountHolder;
import io.paymenthub.core.account.AccountSystemDirectory;
import io.paymenthub.core.account.AccountSystemError;
import io.paymenthub.core.account.AccountSystemException;
import io.paymenthub.core.account.PartyAccount;
import io.paymenthub.core.account.PartyId;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopErrorCode;

/**
 * {@code GET /parties/{Type}/{ID}[/{SubId}]}: the tenant's core banking finds the account and its
 * holder, answered {@code PUT /parties} with the party's FSP and name; 3204 when no tenant holds
 * it. A lookup that came without destination asks every tenant. A core banking that cannot be
 * reached makes the message go back to the queue, to be tried again.
 */
public class PartyLookupProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PartyLookupProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TenantDirectory tenants;
    private final AccountSystemDirectory accountSystems;

    public PartyLookupProcessor(TenantDirectory tenants, AccountSystemDirectory accountSystems) {
        this.tenants = tenants;
        this.accountSystems = accountSystems;
    }

    @Override
    public void process(Exchange exchange) {
        SwitchRequest request = SwitchRequest.of(exchange.getMessage());
        String[] segments = request.path().split("/");
        PartyId party = new PartyId(decode(segments[2]), decode(segments[3]), segments.length > 4 ? decode(segments[4]) : null);
        // A suspended tenant takes no new work: it answers no lookup that any tenant may answer.
        List<Tenant> candidates = InboundTenantRouter.ANY_TENANT.equals(request.tenant())
                ? tenants.tenants().stream().filter(t -> !t.suspended()).toList() : tenants.byName(request.tenant()).stream().toList();
        if (candidates.isEmpty()) {
            throw new IllegalStateException("No tenant to answer " + request.path() + " for");
        }
        for (Tenant tenant : candidates) {
            try {
                PartyAccount account = accountSystems.forTenant(tenant).lookupParty(tenant, party);
                AccountHolder holder = accountSystems.forTenant(tenant).accountHolder(tenant, account.accountId());
                Callback.of(request, tenant.name(), request.path(), partyBody(party, tenant, holder), null).writeTo(exchange.getMessage());
                return;
            } catch (AccountSystemException e) {
                if (e.error() == AccountSystemError.PARTY_NOT_FOUND) {
                    continue;
                }
                ErrorInformation error = FspiopErrors.payeeErrorOrRetry(e);
                LOG.warn("Party lookup {} for {} failed: {}", party, tenant.name(), e.getMessage());
                Callback.error(request, tenant.name(), request.path(), error, null).writeTo(exchange.getMessage());
                return;
            }
        }
        LOG.info("Party {} asked by {} is not held by {}", party, request.source(), candidates.stream().map(Tenant::name).toList());
        Callback.error(request, candidates.get(0).name(), request.path(), ErrorInformation.of(FspiopErrorCode.PARTY_NOT_FOUND), null)
                .writeTo(exchange.getMessage());
    }

    private static String partyBody(PartyId party, Tenant tenant, AccountHolder holder) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode found = body.putObject("party");
        ObjectNode idInfo = found.putObject("partyIdInfo");
        idInfo.put("partyIdType", party.type());
        idInfo.put("partyIdentifier", party.value());
        if (party.subIdOrType() != null) {
            idInfo.put("partySubIdOrType", party.subIdOrType());
        }
        idInfo.put("fspId", tenant.fspId());
        if (holder.displayName() != null) {
            found.put("name", holder.displayName());
        }
        if (holder.firstName() != null || holder.lastName() != null) {
            ObjectNode name = found.putObject("personalInfo").putObject("complexName");
            if (holder.firstName() != null) {
                name.put("firstName", holder.firstName());
            }
            if (holder.lastName() != null) {
                name.put("lastName", holder.lastName());
            }
        }
        return body.toString();
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }
}
