import TelesimCore

/// Exotel's status callbacks: each `status_callback` entry of the make-call request whose `event`
/// matches gets a JSON POST: `answered` when the customer connects (the agent is already on the
/// line), `terminal` when the call ends, whatever its outcome. No signature (Exotel documents none).
/// Retried after 30 s and 5 min (INFERRED: Exotel documents no retry policy, only that callbacks
/// may be delayed or lost).
struct ExotelWebhooks: CallObserver {
    /// Milliseconds before each retry: 3 attempts in all.
    static let backoff: [Int64] = [30_000, 300_000]

    /// One delivery per matching `status_callback` entry for `call.connected` and `call.ended`.
    func webhooks(for call: Call, event: CallEvent, in state: WorldState) -> [OutgoingWebhook] {
        let name: String
        switch event.kind {
        case .connected: name = "answered"
        case .ended: name = "terminal"
        default: return []
        }
        let targets = (call.attributes["status_callback"]?.arrayValue ?? []).compactMap { entry -> String? in
            entry["event"]?.stringValue == name ? entry["url"]?.stringValue : nil
        }
        guard !targets.isEmpty else { return [] }
        let body = ExotelWire.callback(call, event: name).serialized
        return targets.map { OutgoingWebhook(url: $0, event: name, body: body, backoff: Self.backoff) }
    }
}
