import GRDB

/// The database schema, as frozen migrations.
///
/// A migration is never edited once it has shipped: a database written by an older telesim must
/// keep opening, so changes go into a new migration ("v2", …). Table and column names are string
/// literals, not derived from Swift types, so that renaming a type never renames a table.
///
/// Each entity is stored whole as JSON in a `data` column (what `load()` reads); the other columns
/// are queryable projections written in the same transaction, for ad-hoc SQL and later queries.
/// Since v2 the one-to-many projections (`call_leg`, `call_event`, `webhook_attempt`) are views
/// over that JSON, so a save writes one row per entity.
enum StoreSchema {
    /// The migrator every store runs when it opens a database.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2", migrate: v2)
        migrator.registerMigration("v3", migrate: v3)
        return migrator
    }

    /// The first schema. FROZEN: shipped with telesim's first persistent store.
    @Sendable
    static func v1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE world_meta (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            );
            CREATE TABLE world_account (
                provider TEXT NOT NULL,
                account TEXT NOT NULL,
                position INTEGER NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY (provider, account)
            );
            CREATE TABLE call (
                id TEXT PRIMARY KEY NOT NULL,
                provider TEXT NOT NULL,
                account TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                position INTEGER NOT NULL,
                data TEXT NOT NULL
            );
            CREATE INDEX call_on_provider_account ON call(provider, account);
            CREATE INDEX call_on_status ON call(status);
            CREATE INDEX call_on_created_at ON call(created_at);
            CREATE INDEX call_on_position ON call(position);
            CREATE TABLE call_leg (
                call_id TEXT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                role TEXT NOT NULL,
                number TEXT NOT NULL,
                status TEXT NOT NULL,
                ringing_at INTEGER,
                answered_at INTEGER,
                ended_at INTEGER,
                cause TEXT,
                PRIMARY KEY (call_id, idx)
            );
            CREATE INDEX call_leg_on_number ON call_leg(number);
            CREATE TABLE call_event (
                call_id TEXT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                at INTEGER NOT NULL,
                kind TEXT NOT NULL,
                leg INTEGER,
                status TEXT NOT NULL,
                PRIMARY KEY (call_id, seq)
            );
            CREATE TABLE request_journal (
                id INTEGER PRIMARY KEY NOT NULL,
                provider TEXT NOT NULL,
                account TEXT,
                method TEXT NOT NULL,
                path TEXT NOT NULL,
                query TEXT NOT NULL,
                status INTEGER NOT NULL,
                simulated_at INTEGER NOT NULL,
                wall_at INTEGER NOT NULL,
                data TEXT NOT NULL
            );
            CREATE INDEX request_journal_on_provider ON request_journal(provider, account);
            CREATE INDEX request_journal_on_status ON request_journal(status);
            CREATE TABLE webhook_delivery (
                id TEXT PRIMARY KEY NOT NULL,
                call_id TEXT NOT NULL,
                provider TEXT NOT NULL,
                event TEXT NOT NULL,
                status TEXT NOT NULL,
                position INTEGER NOT NULL,
                data TEXT NOT NULL
            );
            CREATE INDEX webhook_delivery_on_call_id ON webhook_delivery(call_id);
            CREATE INDEX webhook_delivery_on_status ON webhook_delivery(status);
            CREATE INDEX webhook_delivery_on_position ON webhook_delivery(position);
            CREATE TABLE webhook_attempt (
                delivery_id TEXT NOT NULL REFERENCES webhook_delivery(id) ON DELETE CASCADE,
                n INTEGER NOT NULL,
                at INTEGER NOT NULL,
                simulated_at INTEGER NOT NULL,
                status INTEGER,
                error TEXT,
                duration_ms INTEGER NOT NULL,
                PRIMARY KEY (delivery_id, n)
            );
            """)
    }

    /// Legs, events and attempts become views over their entity's JSON. FROZEN once shipped.
    ///
    /// As tables they cost a row (and index entries) per leg, event and attempt on every save: a
    /// Ringyo create wrote four rows where two carry its data, and each status change re-upserted
    /// every event of the call. The views keep the same names and columns for ad-hoc SQL (read from
    /// `data` with SQLite's JSON functions, unindexed); nothing telesim loads reads them.
    @Sendable
    static func v2(_ db: Database) throws {
        try db.execute(sql: """
            DROP TABLE call_leg;
            DROP TABLE call_event;
            DROP TABLE webhook_attempt;
            CREATE VIEW call_leg (call_id, idx, role, number, status, ringing_at, answered_at, ended_at, cause) AS
                SELECT call.id, leg.key, json_extract(leg.value, '$.role'), json_extract(leg.value, '$.number'),
                       json_extract(leg.value, '$.status'), json_extract(leg.value, '$.ringingAt'),
                       json_extract(leg.value, '$.answeredAt'), json_extract(leg.value, '$.endedAt'), json_extract(leg.value, '$.cause')
                FROM call, json_each(call.data, '$.machine.legs') AS leg;
            CREATE VIEW call_event (call_id, seq, at, kind, leg, status) AS
                SELECT call.id, json_extract(event.value, '$.seq'), json_extract(event.value, '$.at'), json_extract(event.value, '$.kind'),
                       json_extract(event.value, '$.leg'), json_extract(event.value, '$.status')
                FROM call, json_each(call.data, '$.timeline') AS event;
            CREATE VIEW webhook_attempt (delivery_id, n, at, simulated_at, status, error, duration_ms) AS
                SELECT webhook_delivery.id, attempt.key, json_extract(attempt.value, '$.at'), json_extract(attempt.value, '$.simulatedAt'),
                       json_extract(attempt.value, '$.status'), json_extract(attempt.value, '$.error'),
                       json_extract(attempt.value, '$.durationMs')
                FROM webhook_delivery, json_each(webhook_delivery.data, '$.attempts') AS attempt;
            """)
    }

    /// v3: no secondary indexes. Nothing reads the store by status, account, time or position
    /// except the load at startup, which reads whole tables (a sort there costs milliseconds once);
    /// the six indexes cost about 12 µs on every create (a call row and a journal row), about 6%
    /// of a create's CPU. Someone querying a large file by hand can add the index they need.
    @Sendable
    static func v3(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX call_on_provider_account;
            DROP INDEX call_on_status;
            DROP INDEX call_on_created_at;
            DROP INDEX call_on_position;
            DROP INDEX request_journal_on_provider;
            DROP INDEX request_journal_on_status;
            DROP INDEX webhook_delivery_on_call_id;
            DROP INDEX webhook_delivery_on_status;
            DROP INDEX webhook_delivery_on_position;
            """)
    }
}
