import TelesimCore

/// Voiso's outbound call webhooks to the contact centre's `webhook_url`:
/// `outbound.call.answered` when the customer answers, then `outbound.call.hangup` and
/// `outbound.call.ended` when the call ends (also for calls that never connected, which the page
/// says hangup is for). telesim has no post-call work, so `ended` follows `hangup` at once.
/// The contact centre's `webhook_secret` travels inside the body as `secret` (no signature header).
struct VoisoWebhooks: CallObserver {
    /// Retries after 30 s, 2 min and 10 min of simulated time (INFERRED: Voiso documents none).
    static let backoff: [Int64] = [30_000, 120_000, 600_000]

    /// The webhooks for one call event: none unless the contact centre has a `webhook_url`.
    func webhooks(for call: Call, event: CallEvent, in state: WorldState) -> [OutgoingWebhook] {
        let names: [String]
        switch event.kind {
        case .connected: names = ["outbound.call.answered"]
        case .ended: names = ["outbound.call.hangup", "outbound.call.ended"]
        default: return []
        }
        guard let account = state.account(VoisoAdapter.key, id: call.account),
              let url = state.field(account, "webhook_url")?.stringValue, !url.isEmpty else { return [] }
        let data = VoisoWire.webhookCall(call, now: event.at, ended: event.kind == .ended)
        return names.map { name in
            let body = JSON.obj([
                "event": .string(name),
                "object": "call",
                "timestamp": .string(VoisoWire.time(event.at)),
                "secret": JSON.orNull(state.field(account, "webhook_secret")?.stringValue),
                "contact_center_id": .string(VoisoWire.contactCenterID(account.id)),
                "data": data,
            ])
            return OutgoingWebhook(url: url, event: name, body: body.serialized, backoff: Self.backoff)
        }
    }
}
