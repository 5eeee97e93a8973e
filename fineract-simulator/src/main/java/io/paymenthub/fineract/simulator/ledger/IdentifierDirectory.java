package io.paymenthub.fineract.simulator.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The interop identifiers of a tenant with Fineract's two unique constraints: one identifier per type per account
 * (uk_interop_identifier_account) and (type, value, subIdOrType) unique (uk_interop_identifier_value). As in
 * Fineract's databases, a null subIdOrType never collides with another null, so the second constraint only bites
 * when a sub-id is given.
 */
public final class IdentifierDirectory {

    /** Which constraint a registration broke. */
    public enum Violation { NONE, ACCOUNT_AND_TYPE, TYPE_VALUE_SUBTYPE }

    /** The outcome of a registration: the new identifier, or the constraint it broke. */
    public record Registration(InteropIdentifier identifier, Violation violation) {}

    private final List<InteropIdentifier> identifiers = new ArrayList<>();
    private final AtomicLong ids;

    IdentifierDirectory(AtomicLong ids) {
        this.ids = ids;
    }

    public synchronized Registration register(String idType, String idValue, String subIdOrType, SavingsAccount account) {
        for (InteropIdentifier existing : identifiers) {
            if (existing.account() == account && existing.idType().equals(idType)) {
                return new Registration(null, Violation.ACCOUNT_AND_TYPE);
            }
        }
        if (subIdOrType != null) {
            for (InteropIdentifier existing : identifiers) {
                if (matches(existing, idType, idValue, subIdOrType)) {
                    return new Registration(null, Violation.TYPE_VALUE_SUBTYPE);
                }
            }
        }
        InteropIdentifier identifier = new InteropIdentifier(ids.incrementAndGet(), idType, idValue, subIdOrType, account);
        identifiers.add(identifier);
        account.addIdentifier(identifier);
        return new Registration(identifier, Violation.NONE);
    }

    /** Every identifier with that type, value and sub-id (null matches null); more than one is possible. */
    public synchronized List<InteropIdentifier> find(String idType, String idValue, String subIdOrType) {
        return identifiers.stream().filter(i -> matches(i, idType, idValue, subIdOrType)).toList();
    }

    public synchronized void remove(InteropIdentifier identifier) {
        identifiers.remove(identifier);
        identifier.account().removeIdentifier(identifier);
    }

    public synchronized List<InteropIdentifier> all() {
        return List.copyOf(identifiers);
    }

    private static boolean matches(InteropIdentifier identifier, String idType, String idValue, String subIdOrType) {
        return identifier.idType().equals(idType) && identifier.idValue().equals(idValue)
                && Objects.equals(identifier.subIdOrType(), subIdOrType);
    }
}
