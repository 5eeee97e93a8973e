package io.paymenthub.fineract.simulator.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymenthub.fineract.simulator.http.ApiException;
import io.paymenthub.fineract.simulator.http.Call;
import io.paymenthub.fineract.simulator.http.Commands;
import io.paymenthub.fineract.simulator.http.FineractErrors;
import io.paymenthub.fineract.simulator.http.JsonBody;
import io.paymenthub.fineract.simulator.http.Reply;
import io.paymenthub.fineract.simulator.http.Routes;
import io.paymenthub.fineract.simulator.ledger.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The {@code interoperation/*} resource: reads, then hands writes to {@link Commands} (idempotency) and
 * {@link InteropService} (rules).
 */
public final class InteropHandlers {

    private static final String ROOT = "interoperation/";
    private static final List<String> ACTIONS = List.of("PREPARE", "CREATE", "RELEASE");

    private InteropHandlers() {
    }

    public static void register(Routes routes) {
        routes.get(ROOT + "health", call -> Reply.ok("OK"))
                .get(ROOT + "accounts/{accountId}", call -> Reply.ok(service(call).accountDetails(call.pathParam("accountId"))))
                .get(ROOT + "accounts/{accountId}/identifiers",
                        call -> Reply.ok(service(call).identifiers(call.pathParam("accountId"))))
                .get(ROOT + "accounts/{accountId}/transactions",
                        call -> Reply.ok(service(call).transactions(call.pathParam("accountId"))))
                .get(ROOT + "parties/{idType}/{idValue}", InteropHandlers::getParty)
                .get(ROOT + "parties/{idType}/{idValue}/{subIdOrType}", InteropHandlers::getParty)
                .post(ROOT + "parties/{idType}/{idValue}", InteropHandlers::registerParty)
                .post(ROOT + "parties/{idType}/{idValue}/{subIdOrType}", InteropHandlers::registerParty)
                .delete(ROOT + "parties/{idType}/{idValue}", InteropHandlers::deleteParty)
                .delete(ROOT + "parties/{idType}/{idValue}/{subIdOrType}", InteropHandlers::deleteParty)
                .post(ROOT + "requests", call -> command(call, "CREATE", "INTERREQUEST",
                        body -> service(call).createTransactionRequest(body)))
                .post(ROOT + "quotes", call -> command(call, "CREATE", "INTERQUOTE", body -> service(call).createQuote(body)))
                .post(ROOT + "transfers", InteropHandlers::transfer)
                // Fineract's GET endpoints for requests, quotes and transfers are stubs: they store nothing.
                .get(ROOT + "transactions/{transactionCode}/requests/{requestCode}", call -> Reply.ok(
                        InteropResponses.requestStub(call.pathParam("transactionCode"), call.pathParam("requestCode"))))
                .get(ROOT + "transactions/{transactionCode}/quotes/{quoteCode}", call -> Reply.ok("null"))
                .get(ROOT + "transactions/{transactionCode}/transfers/{transferCode}", call -> Reply.ok("null"));
    }

    private static Reply getParty(Call call) {
        String idType = idType(call);
        return Reply.ok(service(call).party(idType, call.pathParam("idValue"), call.pathParam("subIdOrType")));
    }

    private static Reply registerParty(Call call) {
        String idType = idType(call);
        return command(call, "CREATE", "INTERID",
                body -> service(call).registerParty(idType, call.pathParam("idValue"), call.pathParam("subIdOrType"), body));
    }

    private static Reply deleteParty(Call call) {
        String idType = idType(call);
        return command(call, "DELETE", "INTERID",
                body -> service(call).deleteParty(idType, call.pathParam("idValue"), call.pathParam("subIdOrType")));
    }

    /** The action is checked before the command runs, so its 400 is never recorded for idempotency. */
    private static Reply transfer(Call call) {
        String action = call.queryParam("action");
        List<ObjectNode> errors = new ArrayList<>();
        if (action == null) {
            errors.add(FineractErrors.parameterError("validation.msg.InteropApi.action.cannot.be.blank",
                    "The parameter `action` is mandatory.", "action", (Object) null));
        }
        // Fineract compares case-insensitively here but converts with Enum.valueOf below (a 500 for "prepare").
        if (action == null || !ACTIONS.contains(action.toUpperCase(Locale.ROOT))) {
            errors.add(FineractErrors.parameterError("validation.msg.InteropApi.action.is.not.one.of.expected.enumerations",
                    "The parameter `action` must be one of [ PREPARE, CREATE, RELEASE ] .", "action", action, ACTIONS.toArray()));
        }
        if (!errors.isEmpty()) {
            throw FineractErrors.validation(errors);
        }
        InteropService service = service(call);
        return switch (action) {
            case "PREPARE" -> command(call, action, "INTERTRANSFER", service::prepareTransfer);
            case "CREATE" -> command(call, action, "INTERTRANSFER", service::commitTransfer);
            case "RELEASE" -> command(call, action, "INTERTRANSFER", service::releaseTransfer);
            default -> throw ApiException.unhandled(500);
        };
    }

    /** Malformed JSON fails before Fineract logs the command; everything after is recorded under the key. */
    private static Reply command(Call call, String action, String entity, Function<JsonNode, ObjectNode> work) {
        JsonNode body = JsonBody.parse(call.body());
        return Commands.run(call, action, entity, () -> Reply.ok(work.apply(body)));
    }

    /** JAX-RS cannot convert an unknown identifier type to Fineract's enum: a plain 404. */
    private static String idType(Call call) {
        String idType = call.pathParam("idType");
        if (!Tenant.isIdentifierType(idType)) {
            throw ApiException.unhandled(404);
        }
        return idType;
    }

    private static InteropService service(Call call) {
        return new InteropService(call.tenant());
    }
}
