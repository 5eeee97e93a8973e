-- How many times a request to pay's unanswered lookup or POST /transactionRequests was sent again
-- (same id) before the wait is given up, as hub_transfer.attempts counts a transfer's.
ALTER TABLE hub_transaction_request ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
