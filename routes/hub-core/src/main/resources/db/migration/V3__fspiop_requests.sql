-- FSPIOP requests received from the switch, by tenant, resource and id: a resend of the same
-- content gets the recorded callback again; other content under the same id is error 3106.
CREATE TABLE fspiop_inbound_request (
    tenant VARCHAR(32) NOT NULL,
    resource VARCHAR(32) NOT NULL,
    resource_id VARCHAR(64) NOT NULL,
    request_hash VARCHAR(64) NOT NULL,
    api_version VARCHAR(8) NOT NULL,
    source_fsp VARCHAR(32),
    received_at TIMESTAMP NOT NULL,
    callback_method VARCHAR(8),
    callback_path VARCHAR(300),
    callback_body VARCHAR(100000),
    answered_at TIMESTAMP,
    PRIMARY KEY (tenant, resource, resource_id)
);
