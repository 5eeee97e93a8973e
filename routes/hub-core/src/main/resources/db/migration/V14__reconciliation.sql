-- What a payee tenant's customer was credited for each transfer of the switch: the account, the
-- amount and when the credit was booked (null while only reserved, or when nothing was credited).
-- End-of-day reconciliation compares it with the deposit core banking booked.
ALTER TABLE hub_payee_transaction ADD COLUMN account_id VARCHAR(100);
ALTER TABLE hub_payee_transaction ADD COLUMN amount NUMERIC(22, 4);
ALTER TABLE hub_payee_transaction ADD COLUMN currency CHAR(3);
ALTER TABLE hub_payee_transaction ADD COLUMN credited_at TIMESTAMP;
CREATE INDEX hub_payee_transaction_credited ON hub_payee_transaction (tenant, credited_at);
CREATE INDEX hub_payee_transaction_transfer ON hub_payee_transaction (transfer_id);
CREATE INDEX hub_transfer_tenant_updated ON hub_transfer (tenant, updated_at);

-- One row per tenant and business day: the run whose result stands, and the claim that lets one
-- node at a time run that day (a RUNNING row older than the stale limit may be taken over).
CREATE TABLE hub_reconciliation_day (
    tenant VARCHAR(32) NOT NULL,
    business_day DATE NOT NULL,
    run_id VARCHAR(36) NOT NULL,
    state VARCHAR(16) NOT NULL,
    claimed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant, business_day)
);

-- Every run, kept until the day is run again: its window, what it read and found, and who asked.
CREATE TABLE hub_reconciliation_run (
    run_id VARCHAR(36) PRIMARY KEY,
    tenant VARCHAR(32) NOT NULL,
    business_day DATE NOT NULL,
    state VARCHAR(16) NOT NULL,
    window_start TIMESTAMP NOT NULL,
    window_end TIMESTAMP NOT NULL,
    requested_by VARCHAR(128) NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    accounts_read INTEGER DEFAULT 0 NOT NULL,
    bookings_read INTEGER DEFAULT 0 NOT NULL,
    break_count INTEGER DEFAULT 0 NOT NULL,
    summary VARCHAR(100000),
    failure VARCHAR(1000)
);
CREATE INDEX hub_reconciliation_run_day ON hub_reconciliation_run (tenant, business_day);

-- Core banking's bookings of the day's accounts, as read page by page for one run: the comparison
-- with the journal is a join in the database, so memory does not grow with the day's volume.
CREATE TABLE hub_reconciliation_booking (
    run_id VARCHAR(36) NOT NULL,
    account_id VARCHAR(100) NOT NULL,
    booking_id BIGINT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    amount NUMERIC(22, 4) NOT NULL,
    currency CHAR(3),
    booked_on DATE NOT NULL,
    receipt_number VARCHAR(100),
    fee NUMERIC(22, 4),
    released BOOLEAN NOT NULL,
    PRIMARY KEY (run_id, account_id, booking_id)
);
CREATE INDEX hub_reconciliation_booking_receipt ON hub_reconciliation_booking (run_id, receipt_number);

-- What a run found that does not agree, each with its class, the amounts on both sides and the way out.
CREATE TABLE hub_reconciliation_break (
    run_id VARCHAR(36) NOT NULL,
    seq INTEGER NOT NULL,
    break_class VARCHAR(32) NOT NULL,
    transfer_id VARCHAR(100),
    account_id VARCHAR(100),
    hub_amount NUMERIC(22, 4),
    booked_amount NUMERIC(22, 4),
    currency CHAR(3),
    detail VARCHAR(1000) NOT NULL,
    action VARCHAR(500) NOT NULL,
    PRIMARY KEY (run_id, seq)
);
