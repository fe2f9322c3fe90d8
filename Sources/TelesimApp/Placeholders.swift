import TelesimCore

// TEMPORARY until TelesimStore and TelesimWebhooks land.
struct DiscardingStore: WorldStore {
    func load() throws -> WorldSnapshot? { nil }
    func save(_ changes: StoreChanges) {}
    func replace(with snapshot: WorldSnapshot) {}
    func flush() async {}
}

