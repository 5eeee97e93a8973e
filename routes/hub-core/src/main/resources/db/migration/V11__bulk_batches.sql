-- Bulk disbursement: a batch of payments from one payer of one tenant, each valid row an item paid
-- by a transfer of the payer flow (hub_transfer.batch_id names its batch). The batch row holds the
-- running totals, so a batch's progress costs the same at the first item and the 100,000th.
ALTER TABLE hub_transfer ADD COLUMN batch_id VARCHAR(36);

CREATE TABLE hub_bulk_batch (
    batch_id VARCHAR(36) PRIMARY KEY,
    tenant VARCHAR(32) NOT NULL,
    state VARCHAR(24) NOT NULL,
    client_ref VARCHAR(128),
    payer_id_type VARCHAR(16) NOT NULL,
    payer_id VARCHAR(128) NOT NULL,
    currency CHAR(3),
    row_count INTEGER NOT NULL,
    invalid_count INTEGER NOT NULL,
    item_count INTEGER NOT NULL,
    total_amount NUMERIC(22, 4) NOT NULL,
    concurrency INTEGER NOT NULL,
    next_line INTEGER NOT NULL,
    in_flight INTEGER NOT NULL,
    completed_count INTEGER NOT NULL,
    completed_amount NUMERIC(22, 4) NOT NULL,
    fee_amount NUMERIC(22, 4) NOT NULL,
    failed_count INTEGER NOT NULL,
    failed_amount NUMERIC(22, 4) NOT NULL,
    unknown_count INTEGER NOT NULL,
    unknown_amount NUMERIC(22, 4) NOT NULL,
    progress_notified INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    started_at TIMESTAMP,
    completed_at TIMESTAMP
);
CREATE UNIQUE INDEX hub_bulk_batch_client_ref ON hub_bulk_batch (tenant, client_ref);
CREATE INDEX hub_bulk_batch_state ON hub_bulk_batch (state, updated_at);
CREATE INDEX hub_bulk_batch_created ON hub_bulk_batch (tenant, created_at);

CREATE TABLE hub_bulk_batch_step (
    batch_id VARCHAR(36) NOT NULL,
    seq INTEGER NOT NULL,
    step VARCHAR(32) NOT NULL,
    outcome VARCHAR(32) NOT NULL,
    detail VARCHAR(1000),
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (batch_id, seq)
);

-- One row of the uploaded file. An INVALID row keeps what could be read of it and the reason;
-- duplicate_key groups rows to the same payee of the same amount and note.
CREATE TABLE hub_bulk_item (
    batch_id VARCHAR(36) NOT NULL,
    line_no INTEGER NOT NULL,
    row_id VARCHAR(64) NOT NULL,
    payee_id_type VARCHAR(16),
    payee_id VARCHAR(128),
    amount NUMERIC(22, 4),
    currency CHAR(3),
    note VARCHAR(128),
    duplicate_key VARCHAR(64),
    state VARCHAR(16) NOT NULL,
    transfer_id VARCHAR(36) NOT NULL,
    fee NUMERIC(22, 4),
    failure_code VARCHAR(32),
    failure_reason VARCHAR(500),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (batch_id, line_no)
);
CREATE INDEX hub_bulk_item_state ON hub_bulk_item (batch_id, state, line_no);
CREATE INDEX hub_bulk_item_row ON hub_bulk_item (batch_id, row_id);
CREATE INDEX hub_bulk_item_duplicate ON hub_bulk_item (batch_id, duplicate_key);
CREATE UNIQUE INDEX hub_bulk_item_transfer ON hub_bulk_item (transfer_id);
