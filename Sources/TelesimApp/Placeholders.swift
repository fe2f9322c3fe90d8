import TelesimCore

// TEMPORARY until TelesimStore and TelesimWebhooks land.
struct DiscardingStore: WorldStore {
    func load() throws -> WorldSnapshot? { nil }
    func save(_ changes: StoreChanges) {}
    func replace(with snapshot: WorldSnapshot) {}
    func flush() async {}
}

struct RefusingTransport: WebhookTransport {
    func send(_ request: WebhookRequest) async -> WebhookResult {
        WebhookResult(status: nil, error: "no transport", durationMs: 0, sentHeaders: request.headers, responseExcerpt: nil, startedAt: 0)
    }
}
