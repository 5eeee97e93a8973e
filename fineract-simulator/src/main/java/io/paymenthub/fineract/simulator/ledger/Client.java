package io.paymenthub.fineract.simulator.ledger;

import java.time.LocalDate;

public record Client(long id, String firstname, String middlename, String lastname, String displayName, String externalId,
        String mobileNo, LocalDate activatedOn) {

    public String accountNo() {
        return String.format("%09d", id);
    }
}
