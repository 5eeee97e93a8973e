package io.paymenthub.fineract.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A registered party identifier and the account it points at. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentifierSnapshot(long id, String idType, String idValue, String subIdOrType, String accountExternalId) {}
