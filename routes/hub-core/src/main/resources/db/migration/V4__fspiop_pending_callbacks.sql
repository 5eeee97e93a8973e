-- What the hub sent to the switch and waits a callback for, by tenant, resource and the key the
-- callback's path carries (a party's type/id, a quote's or transfer's id): any hub node that
-- receives the callback finds here where to hand it.
CREATE TABLE fspiop_pending_callback (
    tenant VARCHAR(32) NOT NULL,
    resource VARCHAR(32) NOT NULL,
    callback_key VARCHAR(200) NOT NULL,
    reply_queue VARCHAR(200) NOT NULL,
    correlation_ref VARCHAR(100) NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    answered_at TIMESTAMP,
    PRIMARY KEY (tenant, resource, callback_key)
);
