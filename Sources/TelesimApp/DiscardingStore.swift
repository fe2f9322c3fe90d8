import TelesimCore

/// A store that keeps nothing: the fallback for a sandbox when an in-memory SQLite database
/// cannot be opened.
struct DiscardingStore: WorldStore {
    func load() throws -> WorldSnapshot? { nil }
    func save(_ changes: StoreChanges) {}
    func replace(with snapshot: WorldSnapshot) {}
    func flush() async {}
}

