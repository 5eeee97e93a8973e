-- Transfers a payee tenant answered RESERVED (its payee.reserveBeforeCommit setting): credited
-- only when the switch's PATCH says COMMITTED, never when it says ABORTED.
CREATE TABLE hub_payee_reservation (
    tenant VARCHAR(32) NOT NULL,
    transfer_id VARCHAR(36) NOT NULL,
    transaction_code VARCHAR(36) NOT NULL,
    account_id VARCHAR(100) NOT NULL,
    amount NUMERIC(22, 4) NOT NULL,
    currency CHAR(3) NOT NULL,
    scenario VARCHAR(20) NOT NULL,
    initiator VARCHAR(20) NOT NULL,
    initiator_type VARCHAR(20) NOT NULL,
    state VARCHAR(16) NOT NULL,
    reserved_at TIMESTAMP NOT NULL,
    completed_at TIMESTAMP,
    PRIMARY KEY (tenant, transfer_id)
);
