-- Requests to pay, on both sides: a payee tenant's customer asking another FSP's customer for money
-- (role PAYEE: the hub sent POST /transactionRequests), and another FSP asking a payer tenant's
-- customer (role PAYER: the hub answered it, and asks the payer). The same request may be recorded
-- by two tenants of one hub, or twice by one tenant whose customers ask each other, once per side.
CREATE TABLE hub_transaction_request (
    tenant VARCHAR(32) NOT NULL,
    request_id VARCHAR(36) NOT NULL,
    role VARCHAR(8) NOT NULL,
    state VARCHAR(24) NOT NULL,
    amount NUMERIC(22, 4) NOT NULL,
    currency CHAR(3) NOT NULL,
    scenario VARCHAR(16) NOT NULL,
    initiator_type VARCHAR(16) NOT NULL,
    note VARCHAR(128),
    client_ref VARCHAR(128),
    payer_id_type VARCHAR(16) NOT NULL,
    payer_id VARCHAR(128) NOT NULL,
    payer_fsp VARCHAR(32),
    payer_account VARCHAR(64),
    payee_id_type VARCHAR(16) NOT NULL,
    payee_id VARCHAR(128) NOT NULL,
    payee_fsp VARCHAR(32),
    payee_name VARCHAR(256),
    transaction_id VARCHAR(36),
    transfer_id VARCHAR(36),
    amount_received NUMERIC(22, 4),
    failure_code VARCHAR(8),
    failure_reason VARCHAR(500),
    expires_at TIMESTAMP NOT NULL,
    deadline_at TIMESTAMP,
    fspiop_version VARCHAR(8),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant, request_id, role)
);
CREATE UNIQUE INDEX hub_transaction_request_client_ref ON hub_transaction_request (tenant, client_ref);
CREATE INDEX hub_transaction_request_deadline ON hub_transaction_request (state, deadline_at);
CREATE INDEX hub_transaction_request_transaction ON hub_transaction_request (tenant, transaction_id);
CREATE INDEX hub_transaction_request_created ON hub_transaction_request (created_at);

CREATE TABLE hub_transaction_request_step (
    tenant VARCHAR(32) NOT NULL,
    request_id VARCHAR(36) NOT NULL,
    role VARCHAR(8) NOT NULL,
    seq INTEGER NOT NULL,
    step VARCHAR(32) NOT NULL,
    outcome VARCHAR(32) NOT NULL,
    detail VARCHAR(1000),
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant, request_id, role, seq)
);

-- A payer's transfer that pays a request to pay carries its id into the quote, and the payee
-- (CONSUMER or BUSINESS) as its initiator.
ALTER TABLE hub_transfer ADD COLUMN transaction_request_id VARCHAR(36);
ALTER TABLE hub_transfer ADD COLUMN initiator_type VARCHAR(16);
