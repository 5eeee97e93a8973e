-- Answers the hub records so that a repeat gets them again, whatever their size: a batch refused
-- for its invalid rows lists up to reportRows of them (tens of kilobytes, beyond the 20,000
-- characters the column held), and the answer to a bulk quote carries an ILP packet per transfer
-- (about 1.2 kB each: 1,000 transfers make more than a megabyte, beyond the 100,000 characters).
-- 10,000,000 is within both PostgreSQL's and H2's limits for VARCHAR.
ALTER TABLE channel_idempotency ALTER COLUMN response_body SET DATA TYPE VARCHAR(1000000);
ALTER TABLE fspiop_inbound_request ALTER COLUMN callback_body SET DATA TYPE VARCHAR(10000000);
