-- Orleans' own tables (issue 14, design.md §2): cluster membership, reminders and grain state, read and written by the
-- ADO.NET providers (Microsoft.Orleans.Clustering.AdoNet, .Reminders.AdoNet, .Persistence.AdoNet 10.4.2, invariant
-- Npgsql). The packages ship no SQL: a provider reads the text of each of its queries from OrleansQuery by key at start-up
-- (a missing key stops the silo with "Not all required queries found") and binds parameters by name (@DeploymentId, …);
-- it reads result columns by name, case-insensitively, and expects a single integer column where a query answers "did
-- it work" (> 0 yes). These tables and queries are written here from that contract.
--
-- They are not a village's data: no audit trigger, no village key, and the test reset leaves them alone while a silo
-- runs (its membership row is the silo's own).

-- The provider reads "SELECT QueryKey, QueryText FROM OrleansQuery": unquoted, so the table is orleansquery.
CREATE TABLE orleansquery (
    querykey  varchar(64) PRIMARY KEY,
    querytext text NOT NULL
);

-- Membership: one version row per cluster, bumped by every change (the optimistic check of the membership protocol),
-- and one row per silo incarnation (address, port, generation).
CREATE TABLE orleans_membership_version (
    deployment_id varchar(150) PRIMARY KEY,
    changed_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 0
);

CREATE TABLE orleans_membership (
    deployment_id  varchar(150) NOT NULL REFERENCES orleans_membership_version (deployment_id),
    address        varchar(45) NOT NULL,
    port           integer NOT NULL,
    generation     integer NOT NULL,
    silo_name      varchar(150) NOT NULL,
    host_name      varchar(150) NOT NULL,
    status         integer NOT NULL,
    proxy_port     integer,
    suspect_times  varchar(8000),
    start_time     timestamptz NOT NULL,
    i_am_alive     timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Reminders: keyed by service, grain and name; grain_hash places a reminder on the ring of silos.
CREATE TABLE orleans_reminders (
    service_id    varchar(150) NOT NULL,
    grain_id      varchar(150) NOT NULL,
    reminder_name varchar(150) NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint NOT NULL,
    grain_hash    integer NOT NULL,
    version       integer NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);

-- Grain state: one row per grain and state type; version is the ETag the provider checks on every write.
CREATE TABLE orleans_grain_state (
    grain_id_hash    integer NOT NULL,
    grain_id_n0      bigint NOT NULL,
    grain_id_n1      bigint NOT NULL,
    grain_type_hash  integer NOT NULL,
    grain_type       varchar(512) NOT NULL,
    grain_id_ext     varchar(512),
    service_id       varchar(150) NOT NULL,
    payload          bytea,
    modified_at      timestamptz NOT NULL DEFAULT now(),
    version          integer
);
-- One row per grain: the extension may be NULL, so it is compared as '' in the key.
CREATE UNIQUE INDEX orleans_grain_state_key
    ON orleans_grain_state (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, coalesce(grain_id_ext, ''), service_id);

INSERT INTO orleansquery (querykey, querytext) VALUES

-- ── Membership ──────────────────────────────────────────────────────────────────────────────────────────────────────
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
        ON CONFLICT (deployment_id) DO NOTHING RETURNING 1)
    SELECT count(*)::int FROM created
$q$),

-- A silo joins: its row is inserted and the table's version moves on, both only if the version is the one it read.
('InsertMembershipKey', $q$
    WITH bumped AS (
        UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
        WHERE deployment_id = @DeploymentId AND version = @Version
        RETURNING deployment_id),
    joined AS (
        INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
                                        start_time, i_am_alive)
        SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
        FROM bumped
        ON CONFLICT DO NOTHING
        RETURNING 1)
    SELECT count(*)::int FROM joined
$q$),

('UpdateMembershipKey', $q$
    WITH bumped AS (
        UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
        WHERE deployment_id = @DeploymentId AND version = @Version
        RETURNING deployment_id),
    changed AS (
        UPDATE orleans_membership m
        SET status = @Status, suspect_times = @SuspectTimes, i_am_alive = @IAmAliveTime
        FROM bumped
        WHERE m.deployment_id = bumped.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
        RETURNING 1)
    SELECT count(*)::int FROM changed
$q$),

-- "I am alive" is a heartbeat, not a membership change: no version check, and nobody reads its answer.
('UpdateIAmAlivetimeKey', $q$
    UPDATE orleans_membership SET i_am_alive = @IAmAliveTime
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

('MembershipReadRowKey', $q$
    SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive AS IAmAliveTime, v.version AS Version
    FROM orleans_membership_version v
    LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
         AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadAllKey', $q$
    SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive AS IAmAliveTime, v.version AS Version
    FROM orleans_membership_version v
    LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId
$q$),

('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId;
    DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

-- Status 3 is Active; a gateway is a silo with a proxy port.
('GatewaysQueryKey', $q$
    SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
    FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND i_am_alive < @IAmAliveTime AND status <> 3
$q$),

('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation AND status <> 3
$q$),

-- ── Reminders ───────────────────────────────────────────────────────────────────────────────────────────────────────
('UpsertReminderRowKey', $q$
    INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
        SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
            version = orleans_reminders.version + 1
    RETURNING version AS Version
$q$),

('ReadReminderRowsKey', $q$
    SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
    FROM orleans_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

('ReadReminderRowKey', $q$
    SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
    FROM orleans_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

-- A range of the ring that does not wrap round ...
('ReadRangeRows1Key', $q$
    SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
    FROM orleans_reminders WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),

-- ... and one that does.
('ReadRangeRows2Key', $q$
    SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
    FROM orleans_reminders WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

('DeleteReminderRowKey', $q$
    WITH removed AS (
        DELETE FROM orleans_reminders
        WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
        RETURNING 1)
    SELECT count(*)::int FROM removed
$q$),

('DeleteReminderRowsKey', $q$
    DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$),

-- ── Grain state ─────────────────────────────────────────────────────────────────────────────────────────────────────
-- A write names the version it read (NULL: none yet) and answers the new one; a stale version changes nothing and the
-- provider reports an inconsistent state.
('WriteToStorageKey', $q$
    WITH updated AS (
        UPDATE orleans_grain_state
        SET payload = @PayloadBinary, modified_at = now(), version = version + 1
        WHERE @GrainStateVersion IS NOT NULL
          AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
          AND grain_type = @GrainTypeString AND coalesce(grain_id_ext, '') = coalesce(@GrainIdExtensionString, '')
          AND service_id = @ServiceId AND version = @GrainStateVersion
        RETURNING version),
    inserted AS (
        INSERT INTO orleans_grain_state (grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash, grain_type, grain_id_ext,
                                         service_id, payload, version)
        SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId,
               @PayloadBinary, 1
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING version)
    SELECT coalesce((SELECT version FROM updated), (SELECT version FROM inserted), @GrainStateVersion) AS NewGrainStateVersion
$q$),

('ReadFromStorageKey', $q$
    SELECT payload AS PayloadBinary, now() AS ModifiedOn, version AS Version
    FROM orleans_grain_state
    WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_type = @GrainTypeString AND coalesce(grain_id_ext, '') = coalesce(@GrainIdExtensionString, '')
      AND service_id = @ServiceId
$q$),

('ClearStorageKey', $q$
    UPDATE orleans_grain_state SET payload = NULL, modified_at = now(), version = version + 1
    WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_type = @GrainTypeString AND coalesce(grain_id_ext, '') = coalesce(@GrainIdExtensionString, '')
      AND service_id = @ServiceId AND version = @GrainStateVersion
    RETURNING version AS NewGrainStateVersion
$q$),

('DeleteStorageKey', $q$
    DELETE FROM orleans_grain_state
    WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_type = @GrainTypeString AND coalesce(grain_id_ext, '') = coalesce(@GrainIdExtensionString, '')
      AND service_id = @ServiceId AND version = @GrainStateVersion
    RETURNING version + 1 AS NewGrainStateVersion
$q$);
