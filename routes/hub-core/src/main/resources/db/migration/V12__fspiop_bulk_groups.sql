-- FSPIOP bulk on the payer side: a batch's transfers to one payee FSP, grouped into one
-- POST /bulkQuotes and then one POST /bulkTransfers. Each transfer keeps its own journal row
-- (hub_transfer.bulk_quote_id names its group) and its own hold; the group row holds what the
-- two bulk messages wait for. open_key is set only while the group takes members, so that a
-- batch has at most one such group per payee FSP (a unique key NULLs do not collide on).
ALTER TABLE hub_transfer ADD COLUMN bulk_quote_id VARCHAR(36);
CREATE INDEX hub_transfer_bulk_quote ON hub_transfer (bulk_quote_id, state);
CREATE INDEX hub_transfer_batch_state ON hub_transfer (batch_id, state);

CREATE TABLE hub_bulk_group (
    bulk_quote_id VARCHAR(36) PRIMARY KEY,
    bulk_transfer_id VARCHAR(36) NOT NULL,
    tenant VARCHAR(32) NOT NULL,
    batch_id VARCHAR(36) NOT NULL,
    payee_fsp VARCHAR(32) NOT NULL,
    open_key VARCHAR(80),
    state VARCHAR(24) NOT NULL,
    members INTEGER NOT NULL,
    expires_at TIMESTAMP,
    deadline_at TIMESTAMP,
    attempts INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX hub_bulk_group_open ON hub_bulk_group (open_key);
CREATE UNIQUE INDEX hub_bulk_group_transfer ON hub_bulk_group (bulk_transfer_id);
CREATE INDEX hub_bulk_group_state ON hub_bulk_group (state, deadline_at);
CREATE INDEX hub_bulk_group_batch ON hub_bulk_group (batch_id);
