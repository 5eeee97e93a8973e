-- Camel's JdbcMessageIdRepository: business ids already processed by an idempotent consumer.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(255) NOT NULL,
    messageId VARCHAR(100) NOT NULL,
    createdAt TIMESTAMP NOT NULL,
    PRIMARY KEY (processorName, messageId)
);

-- Channel requests by idempotency key: a repeat with the same body gets the first response.
CREATE TABLE channel_idempotency (
    tenant VARCHAR(32) NOT NULL,
    idempotency_key VARCHAR(128) NOT NULL,
    operation VARCHAR(64) NOT NULL,
    request_hash VARCHAR(64) NOT NULL,
    response_status INTEGER,
    response_body VARCHAR(20000),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant, idempotency_key)
);
