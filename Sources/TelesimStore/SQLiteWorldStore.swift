import GRDB
import Synchronization
import TelesimCore

/// The world's persistence: SQLite through GRDB, written behind the request path.
///
/// ## Write-behind
/// `save(_:)` and `replace(with:)` only append to an in-memory queue (one short mutex section) and
/// return: they run under the world's lock after every transaction. A writer task drains the queue:
/// it takes everything queued, coalesces it (the latest version of each call, delivery and the
/// meta wins; journal entries are appended; deletions folded in), encodes it, and commits it in
/// one write transaction, then looks again. So the slower the disk, the bigger (and fewer) the
/// transactions, and the world never waits for them.
///
/// The writer is started on demand by the first write that finds the queue idle and ends when the
/// queue is empty; there is no long-lived task to own, so the store works the same whether or not
/// anybody runs `run()`. Writes commit in the order they were queued (one writer at a time).
///
/// ## Lifecycle
/// Open with `init(path:)`, which migrates the database. Call `flush()` to wait for what was
/// saved, and `close()` (or run `run()` as a service and cancel it) at shutdown: it flushes and
/// then closes the database. `load()` reads what is committed: flush first if saves may be queued.
public final class SQLiteWorldStore: WorldStore {
    /// The connection: a `DatabasePool` (WAL, concurrent reads) for a file, a `DatabaseQueue` in memory.
    let database: any DatabaseWriter
    /// What waits to be written; a `Mutex` because `save(_:)` is synchronous (a port requirement)
    /// and must never wait for the writer.
    let queue = Mutex(WriteQueue())
    /// The writer's next free positions (see `NextPositions`); only the writer touches them.
    let positions = Mutex(NextPositions())

    /// Opens (creating it if needed) and migrates the database at `path`.
    ///
    /// - Parameter path: a file, opened in WAL mode with `synchronous = NORMAL` (durable at each
    ///   checkpoint, never corrupt, and no fsync per commit); nil or `":memory:"` for a private
    ///   in-memory database that lives as long as the store (tests, `serve --db :memory:`; without
    ///   `--db` the app keeps no store at all).
    /// - Throws: when the file cannot be opened (a missing directory, not a database) or migrated.
    public init(path: String?) throws {
        var configuration = Configuration()
        configuration.label = "telesim.store"
        if let path, path != ":memory:" {
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            database = try DatabasePool(path: path, configuration: configuration)
        } else {
            database = try DatabaseQueue(configuration: configuration)
        }
        try StoreSchema.migrator.migrate(database)
    }

    /// The stored world (see `StoreLoader`), read in one transaction; nil when none was written.
    public func load() throws -> WorldSnapshot? {
        try database.read { db in try StoreLoader.load(db) }
    }

    /// Queues what changed; returns at once (see the type's discussion).
    public func save(_ changes: StoreChanges) {
        enqueue(.changes(changes))
    }

    /// Queues a replacement of everything stored. It is ordered with saves: a save queued before
    /// it is void, one queued after it lands on the new world.
    public func replace(with snapshot: WorldSnapshot) {
        enqueue(.replace(snapshot))
    }

    /// Returns once every write queued before the call is committed (or has failed: see `writeFailure`).
    public func flush() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            if !queue.withLock({ $0.wait(waiter) }) { waiter.resume() }
        }
    }

    /// Flushes, then closes the database. Writes queued after this are dropped, and reads throw.
    /// - Throws: when SQLite cannot close the connection (it then stays usable).
    public func close() async throws {
        queue.withLock { $0.closed = true }
        await flush()
        try database.close()
    }

    /// Keeps the store open until the calling task is cancelled, then closes it (flushing first).
    ///
    /// For the app's service group: the store needs no running task to write (see the type's
    /// discussion); `run()` only ties its shutdown to the group's, after the world has stopped
    /// saving. With swift-service-lifecycle, wrap it in `cancelWhenGracefulShutdown`.
    public func run() async throws {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
        try await close()
    }

    /// The first batch that failed to commit, if any (saves cannot throw; the app logs this).
    public var writeFailure: StoreWriteError? {
        queue.withLock { $0.failure }
    }
}
