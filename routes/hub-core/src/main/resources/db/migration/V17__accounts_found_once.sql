-- Accounts the hub found once and uses again instead of asking core banking a second time.
-- The payer's account as a batch's funds check found it at upload: its transfers start with it.
-- Empty when the tenant does not check a batch's funds.
ALTER TABLE hub_bulk_batch ADD COLUMN payer_account VARCHAR(64);
-- The payee's account a quote was issued for: the transfer of that quote credits it. Empty for
-- quotes recorded before this column.
ALTER TABLE hub_payee_quote ADD COLUMN payee_account VARCHAR(64);
