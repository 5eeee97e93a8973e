package io.paymenthub.flow.payee;

import java.time.Instant;
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
import io.paymenthub.fspiop.FspiopDateTime;

/**
 * {@code POST /bulkQuotes} to payees of this hub, answered {@code PUT /bulkQuotes/{ID}}: each
 * individual quote is answered as a single quote is ({@link PayeeQuoteProcessor#answer}), with
 * the bulk's payer as its payer, and recorded, so that each transfer of the bulk transfer that
 * follows binds to its own quote. A quote that cannot be given (payee unknown, wrong currency)
 * carries its error in its own result; the others go on. All quotes of a bulk share its expiration.
 */
public class PayeeBulkQuoteProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PayeeBulkQuoteProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What an individual quote result may carry of a single quote's answer (its expiration is the bulk's). */
    private static final String[] RESULT_MEMBERS = {"transferAmount", "payeeReceiveAmount", "payeeFspFee", "ilpPacket", "condition"};

    private final TenantDirectory tenants;
    private final PayeeQuoteProcessor quotes;
    private final ParallelParts parts;

    /** @param parts how many individual quotes are worked on at once (each asks core banking) */
    public PayeeBulkQuoteProcessor(TenantDirectory tenants, PayeeQuoteProcessor quotes, ParallelParts parts) {
        this.tenants = tenants;
        this.quotes = quotes;
        this.parts = parts;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SwitchRequest request = SwitchRequest.of(exchange.getMessage());
        JsonNode bulk = JSON.readTree(request.body());
        String bulkQuoteId = bulk.path("bulkQuoteId").asText();
        Tenant tenant = request.tenantIn(tenants);
        Instant expiresAt = quotes.expiryOf(exchange.getMessage());
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("individualQuoteResults");
        List<JsonNode> individuals = new ArrayList<>();
        bulk.path("individualQuotes").forEach(individuals::add);
        List<PayeeQuoteProcessor.Answer> answers = parts.map(exchange.getContext(), individuals, individual -> quotes.answer(tenant,
                request.source(), asSingleQuote(individual, bulk.path("payer"), request.source(), tenant.fspId()), expiresAt, false));
        int refused = 0;
        for (int i = 0; i < individuals.size(); i++) {
            JsonNode individual = individuals.get(i);
            PayeeQuoteProcessor.Answer quoted = answers.get(i);
            ObjectNode result = results.addObject();
            result.put("quoteId", individual.path("quoteId").asText());
            if (quoted.isRefused()) {
                refused++;
                result.set("errorInformation", quoted.refusal().toNode());
                continue;
            }
            for (String member : RESULT_MEMBERS) {
                if (quoted.quote().has(member)) {
                    result.set(member, quoted.quote().get(member));
                }
            }
        }
        answer.put("expiration", FspiopDateTime.format(expiresAt));
        LOG.info("Bulk quote {} of {} for {}: {} quoted, {} refused", bulkQuoteId, request.source(), tenant.name(),
                results.size() - refused, refused);
        Callback.of(request, tenant.name(), "/bulkQuotes/" + bulkQuoteId, answer.toString(), bulkQuoteId).writeTo(exchange.getMessage());
    }

    /**
     * An individual quote as a {@code POST /quotes} body: the bulk's payer, and both parties' FSPs
     * filled in where the payer left them out, since the ILP packet carries them and the transfer
     * is checked against them.
     */
    static ObjectNode asSingleQuote(JsonNode individual, JsonNode payer, String payerFsp, String payeeFsp) {
        ObjectNode quote = individual.deepCopy();
        ObjectNode payerParty = payer.deepCopy();
        ObjectNode payerId = (ObjectNode) payerParty.path("partyIdInfo");
        if (!payerId.path("fspId").isTextual()) {
            payerId.put("fspId", payerFsp);
        }
        quote.set("payer", payerParty);
        ObjectNode payeeId = (ObjectNode) quote.path("payee").path("partyIdInfo");
        if (!payeeId.path("fspId").isTextual()) {
            payeeId.put("fspId", payeeFsp);
        }
        quote.remove("extensionList");
        return quote;
    }
}
