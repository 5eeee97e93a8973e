-- The switch's settlement windows of each tenant, one row per window and currency, as the
-- reconciliation runs found them: the switch's net settlement amount beside the hub's own count of
-- the window's transfers (both with the switch's sign: positive, the tenant pays), and the booking
-- of the settled net in core banking, made once per window under transfer_code. switch_net is
-- null while the switch has no settlement of the window.
CREATE TABLE hub_settlement_window (
    tenant VARCHAR(32) NOT NULL,
    window_id BIGINT NOT NULL,
    currency CHAR(3) NOT NULL,
    window_state VARCHAR(32) NOT NULL,
    opened_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP NOT NULL,
    settlement_id BIGINT,
    settlement_state VARCHAR(32),
    switch_net NUMERIC(22, 4),
    hub_net NUMERIC(22, 4) NOT NULL,
    transfer_code VARCHAR(36) NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    booked_at TIMESTAMP,
    booked_by VARCHAR(36),
    PRIMARY KEY (tenant, window_id, currency)
);
CREATE INDEX hub_settlement_window_code ON hub_settlement_window (transfer_code);

-- A credit the switch aborted after the hub had credited the payee (the switch's PUT
-- /transfers/{id}/error to the payee, e.g. its fulfilment came after the transfer expired): the
-- switch will not settle it, so reconciliation lists it until core banking's deposit is reversed.
ALTER TABLE hub_payee_transaction ADD COLUMN switch_aborted_at TIMESTAMP;
ALTER TABLE hub_payee_transaction ADD COLUMN switch_error VARCHAR(300);
