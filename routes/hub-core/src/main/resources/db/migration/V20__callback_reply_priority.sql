-- The JMS priority a callback goes to its waiting flow with: the priority of the request that waits
-- for it, so that the callbacks of a batch's thousands of requests (its lookups, for one) queue
-- behind single transfers' as the requests did. Empty: the default priority.
ALTER TABLE fspiop_pending_callback ADD COLUMN reply_priority SMALLINT;
