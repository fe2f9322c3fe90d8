import GRDB

/// The database schema, as frozen migrations.
///
/// A migration is never edited once it has shipped: a database written by an older telesim must
/// keep opening, so changes go into a new migration ("v2", …). Table and column names are string
/// literals, not derived from Swift types, so that renaming a type never renames a table.
///
/// Each entity is stored whole as JSON in a `data` column (what `load()` reads); the other columns
/// are queryable projections written in the same transaction, for ad-hoc SQL and later queries.
enum StoreSchema {
    /// The migrator every store runs when it opens a database.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
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
}
