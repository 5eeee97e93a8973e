package io.paymenthub.fineract.simulator.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paymenthub.fineract.simulator.SimulatorAdmin;
import io.paymenthub.fineract.simulator.http.ApiException;
import io.paymenthub.fineract.simulator.http.Handler;
import io.paymenthub.fineract.simulator.http.Json;
import io.paymenthub.fineract.simulator.http.Reply;
import io.paymenthub.fineract.simulator.http.Routes;
import io.paymenthub.fineract.simulator.seed.Seed;
import io.paymenthub.fineract.simulator.seed.SeedLoader;
import java.util.NoSuchElementException;

/**
 * The simulator's own API for tests and the lab, under /simulator/admin (no credentials, loopback callers only):
 * the HTTP face of {@link SimulatorAdmin}.
 */
public final class AdminHandlers {

    private AdminHandlers() {
    }

    public static void register(Routes routes, SimulatorAdmin admin) {
        routes.get("tenants", call -> Reply.ok(admin.tenants()))
                .put("seed", guarded(call -> {
                    admin.replaceSeed(SeedLoader.fromJson(call.body()));
                    return Reply.ok(admin.tenants());
                }))
                .post("reset", guarded(call -> {
                    admin.resetAll();
                    return Reply.ok(admin.tenants());
                }))
                .put("tenants/{tenantId}", guarded(call -> {
                    Seed.TenantSeed seed = SeedLoader.tenantFromJson(call.body());
                    String tenantId = call.pathParam("tenantId");
                    if (seed.id() != null && !seed.id().equals(tenantId)) {
                        throw new IllegalArgumentException("Tenant id " + seed.id() + " in the body differs from " + tenantId);
                    }
                    admin.seedTenant(new Seed.TenantSeed(tenantId, seed.timezone(), seed.users(), seed.paymentTypes(), seed.products(),
                            seed.clients(), seed.savingsAccounts(), seed.identifiers()));
                    return Reply.ok(done(tenantId));
                }))
                .post("tenants/{tenantId}/reset", guarded(call -> {
                    admin.resetTenant(call.pathParam("tenantId"));
                    return Reply.ok(done(call.pathParam("tenantId")));
                }))
                .delete("tenants/{tenantId}", guarded(call -> {
                    if (!admin.removeTenant(call.pathParam("tenantId"))) {
                        throw new NoSuchElementException("No tenant " + call.pathParam("tenantId"));
                    }
                    return Reply.ok(done(call.pathParam("tenantId")));
                }))
                .get("tenants/{tenantId}/accounts/{externalId}", guarded(call -> Reply.ok(
                        admin.account(call.pathParam("tenantId"), call.pathParam("externalId")))))
                .get("tenants/{tenantId}/accounts/{externalId}/transactions", guarded(call -> Reply.ok(
                        admin.account(call.pathParam("tenantId"), call.pathParam("externalId")).transactions())))
                .delete("tenants/{tenantId}/accounts/{externalId}/transactions/{transactionId}", guarded(call -> Reply.ok(
                        admin.forgetTransaction(call.pathParam("tenantId"), call.pathParam("externalId"),
                                Long.parseLong(call.pathParam("transactionId"))))))
                .get("tenants/{tenantId}/holds", guarded(call -> Reply.ok(admin.holds(call.pathParam("tenantId")))))
                .get("tenants/{tenantId}/identifiers", guarded(call -> Reply.ok(admin.identifiers(call.pathParam("tenantId")))));
    }

    /** Admin errors are plain {"error": message}: 404 for unknown tenants or accounts, 400 for bad seeds. */
    private static Handler guarded(Handler handler) {
        return call -> {
            try {
                return handler.handle(call);
            } catch (NoSuchElementException e) {
                throw new ApiException(404, error(e.getMessage()));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, error(e.getMessage()));
            }
        };
    }

    private static ObjectNode done(String tenantId) {
        ObjectNode node = Json.object();
        node.put("tenant", tenantId);
        return node;
    }

    private static ObjectNode error(String message) {
        ObjectNode node = Json.object();
        node.put("error", message);
        return node;
    }
}
