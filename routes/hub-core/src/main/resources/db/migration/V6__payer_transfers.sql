-- What the payer flow needs to run a transfer step by step from the journal alone, after a
-- restart on any node: the parties, the quote and its ILP terms, the fees, whether it goes
-- through the switch or is booked on-us, and when the current step stops waiting for the switch.
ALTER TABLE hub_transfer ADD COLUMN transaction_id VARCHAR(36);
ALTER TABLE hub_transfer ADD COLUMN quote_id VARCHAR(36);
ALTER TABLE hub_transfer ADD COLUMN scenario VARCHAR(16);
ALTER TABLE hub_transfer ADD COLUMN note VARCHAR(128);
ALTER TABLE hub_transfer ADD COLUMN payer_id_type VARCHAR(16);
ALTER TABLE hub_transfer ADD COLUMN payer_id VARCHAR(128);
ALTER TABLE hub_transfer ADD COLUMN payer_account VARCHAR(64);
ALTER TABLE hub_transfer ADD COLUMN payee_id_type VARCHAR(16);
ALTER TABLE hub_transfer ADD COLUMN payee_id VARCHAR(128);
ALTER TABLE hub_transfer ADD COLUMN payee_name VARCHAR(256);
ALTER TABLE hub_transfer ADD COLUMN payee_account VARCHAR(64);
ALTER TABLE hub_transfer ADD COLUMN routing VARCHAR(8);
ALTER TABLE hub_transfer ADD COLUMN transfer_amount NUMERIC(22, 4);
ALTER TABLE hub_transfer ADD COLUMN payer_fee NUMERIC(22, 4);
ALTER TABLE hub_transfer ADD COLUMN payee_fee NUMERIC(22, 4);
ALTER TABLE hub_transfer ADD COLUMN ilp_packet VARCHAR(8000);
ALTER TABLE hub_transfer ADD COLUMN ilp_condition VARCHAR(48);
ALTER TABLE hub_transfer ADD COLUMN fulfilment VARCHAR(48);
ALTER TABLE hub_transfer ADD COLUMN expires_at TIMESTAMP;
ALTER TABLE hub_transfer ADD COLUMN deadline_at TIMESTAMP;
ALTER TABLE hub_transfer ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE hub_transfer ADD COLUMN fspiop_version VARCHAR(8);
CREATE INDEX hub_transfer_deadline ON hub_transfer (state, deadline_at);
CREATE INDEX hub_transfer_created ON hub_transfer (created_at);
-- Which delivery of the inbound queue registered a request of the switch: the same stored message
-- delivered again after a crash is processed, a resend by the switch is not.
ALTER TABLE fspiop_inbound_request ADD COLUMN receipt_id VARCHAR(36);
