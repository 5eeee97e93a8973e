-- The quotes a payee tenant issued (PUT /quotes), and which transfer used each transaction: a
-- POST /transfers is credited only for a quote this hub issued, before it expired, with the same
-- amount, condition and payer FSP, and only one transfer per transaction.
CREATE TABLE hub_payee_quote (
    tenant VARCHAR(32) NOT NULL,
    quote_id VARCHAR(36) NOT NULL,
    transaction_id VARCHAR(36) NOT NULL,
    payer_fsp VARCHAR(32) NOT NULL,
    transfer_amount NUMERIC(22, 4) NOT NULL,
    currency CHAR(3) NOT NULL,
    ilp_condition VARCHAR(48) NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    quoted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant, quote_id)
);

-- One row per transaction a transfer was credited (or reserved) for; the primary key is what
-- refuses a second transfer of the same transaction, on any node.
CREATE TABLE hub_payee_transaction (
    tenant VARCHAR(32) NOT NULL,
    transaction_id VARCHAR(36) NOT NULL,
    transfer_id VARCHAR(36) NOT NULL,
    quote_id VARCHAR(36) NOT NULL,
    claimed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant, transaction_id)
);
