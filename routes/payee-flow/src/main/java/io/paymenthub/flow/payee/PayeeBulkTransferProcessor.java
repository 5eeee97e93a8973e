package io.paymenthub.flow.payee;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paymenthub.core.route.ParallelParts;
import io.paymenthub.core.tenant.Tenant;
import io.paymenthub.core.tenant.TenantDirectory;
import io.paymenthub.fspiop.ErrorInformation;
import io.paymenthub.fspiop.FspiopErrorCode;

/**
 * {@code POST /bulkTransfers} to payees of this hub, answered {@code PUT /bulkTransfers/{ID}} in
 * state {@code COMPLETED}: each individual transfer is checked and credited as a single transfer
 * is ({@link PayeeTransferProcessor#credit}): against the ILP packet of its own quote, bound to
 * that recorded quote once, credited once by its transferId. Each result carries the transfer's
 * fulfilment, or the error of a transfer that credited nothing. FSPIOP has no PATCH for a bulk
 * transfer, so a tenant that answers single transfers RESERVED credits a bulk's at once.
 * <p>
 * A core banking that cannot be reached sends the whole bulk back to the queue; its redelivery
 * credits nobody twice (the credits are idempotent by transferId, the bindings by transfer).
 */
public class PayeeBulkTransferProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PayeeBulkTransferProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TenantDirectory tenants;
    private final PayeeTransferProcessor transfers;
    private final ParallelParts parts;

    /** @param parts how many individual transfers are worked on at once (each asks core banking) */
    public PayeeBulkTransferProcessor(TenantDirectory tenants, PayeeTransferProcessor transfers, ParallelParts parts) {
        this.tenants = tenants;
        this.transfers = transfers;
        this.parts = parts;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SwitchRequest request = SwitchRequest.of(exchange.getMessage());
        JsonNode bulk = JSON.readTree(request.body());
        String bulkTransferId = bulk.path("bulkTransferId").asText();
        String path = "/bulkTransfers/" + bulkTransferId;
        Tenant tenant = request.tenantIn(tenants);
        String payerFsp = bulk.path("payerFsp").asText();
        if (!payerFsp.equals(request.source()) || !tenant.fspId().equals(bulk.path("payeeFsp").asText())) {
            LOG.warn("Bulk transfer {} from {} to {} refused whole: payerFsp {}, payeeFsp {}", bulkTransferId, request.source(),
                    tenant.name(), payerFsp, bulk.path("payeeFsp").asText());
            Callback.error(request, tenant.name(), path, ErrorInformation.of(FspiopErrorCode.VALIDATION_ERROR,
                    "payerFsp must be the sender and payeeFsp " + tenant.fspId()), bulkTransferId).writeTo(exchange.getMessage());
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("individualTransferResults");
        List<JsonNode> individuals = new ArrayList<>();
        bulk.path("individualTransfers").forEach(individuals::add);
        List<PayeeTransferProcessor.Outcome> outcomes = parts.map(exchange.getContext(), individuals,
                individual -> transfers.credit(tenant, request.source(), asSingleTransfer(individual, bulk), false, false));
        int refused = 0;
        for (int i = 0; i < individuals.size(); i++) {
            JsonNode individual = individuals.get(i);
            PayeeTransferProcessor.Outcome outcome = outcomes.get(i);
            ObjectNode result = results.addObject();
            result.put("transferId", individual.path("transferId").asText());
            if (outcome.isRefused()) {
                refused++;
                result.set("errorInformation", outcome.refusal().toNode());
            } else {
                result.put("fulfilment", outcome.fulfilment());
            }
        }
        answer.put("completedTimestamp", transfers.completedTimestamp());
        answer.put("bulkTransferState", "COMPLETED");
        LOG.info("Bulk transfer {} of {} to {}: {} credited, {} refused", bulkTransferId, request.source(), tenant.name(),
                results.size() - refused, refused);
        Callback.of(request, tenant.name(), path, answer.toString(), bulkTransferId).writeTo(exchange.getMessage());
    }

    /** An individual transfer as a {@code POST /transfers} body: the bulk's FSPs and expiration, its own amount and packet. */
    static ObjectNode asSingleTransfer(JsonNode individual, JsonNode bulk) {
        ObjectNode transfer = JSON.createObjectNode();
        transfer.put("transferId", individual.path("transferId").asText());
        transfer.put("payerFsp", bulk.path("payerFsp").asText());
        transfer.put("payeeFsp", bulk.path("payeeFsp").asText());
        transfer.set("amount", individual.path("transferAmount"));
        transfer.set("ilpPacket", individual.path("ilpPacket"));
        transfer.set("condition", individual.path("condition"));
        transfer.set("expiration", bulk.path("expiration"));
        return transfer;
    }
}
