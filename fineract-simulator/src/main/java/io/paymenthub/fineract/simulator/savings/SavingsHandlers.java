package io.paymenthub.fineract.simulator.savings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymenthub.fineract.simulator.http.ApiException;
import io.paymenthub.fineract.simulator.http.Call;
import io.paymenthub.fineract.simulator.http.Commands;
import io.paymenthub.fineract.simulator.http.FineractErrors;
import io.paymenthub.fineract.simulator.http.JsonBody;
import io.paymenthub.fineract.simulator.http.Reply;
import io.paymenthub.fineract.simulator.http.Routes;
import java.util.List;
import java.util.function.Supplier;

/** The {@code savingsaccounts} and {@code clients} resources the hub reads and writes outside the interop API. */
public final class SavingsHandlers {

    private SavingsHandlers() {
    }

    public static void register(Routes routes) {
        routes.get("savingsaccounts/{savingsId}", call -> Reply.ok(service(call).account(id(call, "savingsId"), withTransactions(call))))
                .get("savingsaccounts/external-id/{externalId}", call -> Reply.ok(
                        service(call).accountByExternalId(call.pathParam("externalId"), withTransactions(call))))
                .get("savingsaccounts/{savingsId}/transactions/search", call -> Reply.ok(
                        service(call).searchTransactions(id(call, "savingsId"), call)))
                .get("savingsaccounts/{savingsId}/transactions/{transactionId}", call -> Reply.ok(
                        service(call).transaction(id(call, "savingsId"), id(call, "transactionId"))))
                .post("savingsaccounts/{savingsId}/transactions", SavingsHandlers::transactionCommand)
                .post("savingsaccounts/{savingsId}/transactions/{transactionId}", SavingsHandlers::adjustTransaction)
                .get("clients/{clientId}", call -> Reply.ok(service(call).client(id(call, "clientId"))));
    }

    private static Reply transactionCommand(Call call) {
        long savingsId = id(call, "savingsId");
        SavingsService service = service(call);
        String command = call.queryParam("command");
        if (!List.of("deposit", "withdrawal", "holdAmount").contains(command)) {
            throw FineractErrors.unrecognizedQueryParameter("command", command, new Object[] {"deposit", "withdrawal", "holdAmount"});
        }
        // Malformed JSON fails before Fineract logs the command, so it is never recorded for idempotency.
        JsonNode body = JsonBody.parse(call.body());
        return switch (command) {
            case "deposit" -> run(call, "DEPOSIT", () -> service.deposit(savingsId, body));
            case "withdrawal" -> run(call, "WITHDRAWAL", () -> service.withdrawal(savingsId, body));
            default -> run(call, "HOLDAMOUNT", () -> service.holdAmount(savingsId, body));
        };
    }

    private static Reply adjustTransaction(Call call) {
        long savingsId = id(call, "savingsId");
        long transactionId = id(call, "transactionId");
        if ("releaseAmount".equals(call.queryParam("command"))) {
            return run(call, "RELEASEAMOUNT", () -> service(call).releaseAmount(savingsId, transactionId));
        }
        // undo, modify and reverse are not simulated: answered as unknown commands.
        throw FineractErrors.unrecognizedQueryParameter("command", call.queryParam("command"),
                new Object[] {"undo", "modify", "releaseAmount", "reverse"});
    }

    private static Reply run(Call call, String action, Supplier<ObjectNode> work) {
        return Commands.run(call, action, "SAVINGSACCOUNT", () -> Reply.ok(work.get()));
    }

    private static boolean withTransactions(Call call) {
        String associations = call.queryParam("associations");
        return associations != null && (associations.contains("transactions") || associations.contains("all"));
    }

    /** A path id that is not a number cannot be converted by JAX-RS: a plain 404. */
    private static long id(Call call, String name) {
        try {
            return Long.parseLong(call.pathParam(name));
        } catch (NumberFormatException e) {
            throw ApiException.unhandled(404);
        }
    }

    private static SavingsService service(Call call) {
        return new SavingsService(call.tenant());
    }
}
