package io.paymenthub.fineract.simulator.http;

/** Answers one route; throws {@link ApiException} for error answers. */
@FunctionalInterface
public interface Handler {
    Reply handle(Call call);
}
