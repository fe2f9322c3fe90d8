import TelesimCore

/// Ringyo's call webhooks: `call.started` when the call is created, `call.ringing`,
/// `call.answered`, then `call.completed` or `call.failed` (busy, no answer, error), to the call's
/// `webhook_url` or else the account's. Retried after 1s, 5s, 30s, 2m and 10m, as documented.
struct RingyoWebhooks: CallObserver {
    static let backoff: [Int64] = [1000, 5000, 30_000, 120_000, 600_000]

    func webhooks(for call: Call, event: CallEvent, in state: WorldState) -> [OutgoingWebhook] {
        let name: String
        switch event.kind {
        case .created: name = "call.started"
        case .ringing: name = "call.ringing"
        case .answered: name = "call.answered"
        case .ended: name = call.status == .completed ? "call.completed" : "call.failed"
        default: return []
        }
        guard let account = state.account("ringyo", id: call.account) else { return [] }
        guard let url = call.attributes["webhook_url"]?.stringValue ?? state.field(account, "webhook_url")?.stringValue else { return [] }
        var data = RingyoWire.detail(call, include: event.kind == .ended ? ["transcript", "recording"] : [])
        if event.kind == .ended, call.status != .completed {
            data["failure_reason"] = .string(RingyoWire.status(call.status))
        }
        let body = JSON.obj([
            "event": .string(name),
            "timestamp": .string(RingyoWire.time(event.at)),
            "webhook_id": .string("wh_\(account.id)"),
            "data": data,
        ])
        let signature = state.field(account, "webhook_secret")?.stringValue.map {
            SignatureSpec(header: "X-Ringyo-Signature", secret: $0, scheme: .timestamped)
        }
        return [OutgoingWebhook(url: url, event: name, body: body.serialized, signature: signature, backoff: Self.backoff)]
    }
}
