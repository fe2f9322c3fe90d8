import TelesimCore

/// A store that keeps nothing: the world in memory is the only copy. Serves the root world when
/// `serve` runs without `--db`, and every sandbox.
struct DiscardingStore: WorldStore {
    func load() throws -> WorldSnapshot? { nil }
    func save(_ changes: StoreChanges) {}
    func replace(with snapshot: WorldSnapshot) {}
    func flush() async {}
    var keepsNothing: Bool { true }
}
