-- The payer's account as the batch's funds check found it at upload: its transfers start with it
-- instead of each looking the payer up again. Empty when the tenant does not check a batch's funds.
ALTER TABLE hub_bulk_batch ADD COLUMN payer_account VARCHAR(64);
