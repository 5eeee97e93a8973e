-- The journal of transfers: every step's outcome is written before the next step is sent.
CREATE TABLE hub_transfer (
    transfer_id VARCHAR(36) PRIMARY KEY,
    tenant VARCHAR(32) NOT NULL,
    direction VARCHAR(8) NOT NULL,
    state VARCHAR(24) NOT NULL,
    amount NUMERIC(22, 4) NOT NULL,
    currency CHAR(3) NOT NULL,
    client_ref VARCHAR(128),
    payer_fsp VARCHAR(32),
    payee_fsp VARCHAR(32),
    failure_code VARCHAR(8),
    failure_reason VARCHAR(500),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    row_version INTEGER NOT NULL
);
CREATE INDEX hub_transfer_tenant_state ON hub_transfer (tenant, state);
CREATE UNIQUE INDEX hub_transfer_client_ref ON hub_transfer (tenant, client_ref);

CREATE TABLE hub_transfer_step (
    transfer_id VARCHAR(36) NOT NULL,
    seq INTEGER NOT NULL,
    step VARCHAR(32) NOT NULL,
    outcome VARCHAR(32) NOT NULL,
    detail VARCHAR(1000),
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (transfer_id, seq)
);
