package io.paymenthub.fineract.simulator.seed;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a simulator starts with: tenants, each with its users, products, clients, savings accounts and interop
 * identifiers. The JSON form is documented in the module's README.md; optional fields may be left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Seed(List<TenantSeed> tenants) {

    public Seed {
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
    }

    /** A Fineract tenant (one database in a real Fineract). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TenantSeed(String id, String timezone, List<UserSeed> users, List<PaymentTypeSeed> paymentTypes,
            List<ProductSeed> products, List<ClientSeed> clients, List<AccountSeed> savingsAccounts,
            List<IdentifierSeed> identifiers) {

        public TenantSeed {
            users = users == null ? List.of(new UserSeed("mifos", "password")) : List.copyOf(users);
            paymentTypes = paymentTypes == null ? List.of(new PaymentTypeSeed(1L, "Money Transfer", false)) : List.copyOf(paymentTypes);
            products = products == null ? List.of() : List.copyOf(products);
            clients = clients == null ? List.of() : List.copyOf(clients);
            savingsAccounts = savingsAccounts == null ? List.of() : List.copyOf(savingsAccounts);
            identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        }
    }

    /** An API user; every seeded user has all permissions, like Fineract's default mifos user. */
    public record UserSeed(String username, String password) {}

    /** Interop bookings use the first payment type that is not a cash payment, as Fineract does. */
    public record PaymentTypeSeed(Long id, String name, Boolean cashPayment) {}

    /**
     * A savings product. {@code withdrawalFeeForTransfers} decides whether an interop quote shows the fee;
     * {@code withdrawalFee} is the product's withdrawal-fee charge.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProductSeed(Long id, String name, String shortName, String currency, Integer decimalPlaces,
            Boolean withdrawalFeeForTransfers, WithdrawalFeeSeed withdrawalFee) {}

    /** calculation: FLAT (amount in the product's currency) or PERCENT_OF_AMOUNT (amount is a percentage). */
    public record WithdrawalFeeSeed(BigDecimal amount, String calculation) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClientSeed(Long id, String firstname, String middlename, String lastname, String displayName,
            String externalId, String mobileNo) {}

    /**
     * A savings account. {@code balance} is booked as an opening deposit on {@code activatedOn} (yyyy-MM-dd, default: today);
     * {@code withdrawalFee} says whether the account carries the product's withdrawal-fee charge (default: when
     * the product has one); {@code currency}, when given, must be the product's.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AccountSeed(Long id, String externalId, Long clientId, Long productId, String currency, BigDecimal balance,
            Boolean withdrawalFee, String activatedOn) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IdentifierSeed(String idType, String idValue, String subIdOrType, String accountExternalId) {}
}
