-- Leases of the tasks one node of a cluster runs at a time (a flow's deadline checks, the journal's
-- retention, the reconciliation schedule), one row per task: the node that holds it until
-- expires_at. A node renews its lease well before it expires; another takes it once it has.
CREATE TABLE hub_lease (
    name VARCHAR(100) NOT NULL,
    holder VARCHAR(200) NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    renewed_at TIMESTAMP NOT NULL,
    CONSTRAINT hub_lease_pk PRIMARY KEY (name)
);
