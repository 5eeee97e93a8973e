-- The request to pay a payee's quote answers, if any: only a transfer for such a quote is told to
-- the request-to-pay flow, so that an ordinary payment crosses no queue it does not need.
ALTER TABLE hub_payee_quote ADD COLUMN transaction_request_id VARCHAR(36);
