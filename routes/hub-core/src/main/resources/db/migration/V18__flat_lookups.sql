-- A quote answered again is replaced only when no transfer used it: that check finds the
-- transfer by its quote, which no index covered, so it read every transfer the tenant was ever
-- paid. It now reads one entry however long the hub has run.
CREATE INDEX hub_payee_transaction_quote ON hub_payee_transaction (tenant, quote_id);
