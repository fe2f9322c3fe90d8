import TelesimCore

/// Edesy masking's call webhooks, to the workspace's masking `webhook_url` (configured in the
/// portal, never per call): `call.initiated` when the call is created, `call.ringing` when Party A
/// rings, `call.answered` when A answers (B is dialled next), `call.bridged` when B answers, then
/// `call.completed`, `call.no-answer` or `call.failed`.
///
/// Signed with HMAC-SHA256 over the raw body (DOCUMENTED) in `X-Edesy-Signature: sha256=<hex>`
/// (INFERRED from third-party receivers). Retried with exponential backoff (DOCUMENTED) of 30 s,
/// 1, 2, 4 and 8 minutes (the intervals are INFERRED): six attempts in all.
struct EdesyMaskingWebhooks: CallObserver {
    /// Milliseconds between attempts: exponential, INFERRED intervals.
    static let backoff: [Int64] = [30_000, 60_000, 120_000, 240_000, 480_000]
    /// INFERRED from third-party receivers; the scheme is `sha256=<hex>`.
    static let signatureHeader = "X-Edesy-Signature"

    /// The event name for a timeline event, or nil for events the provider does not announce
    /// (B ringing shows as the `answered` status, announced by `call.answered`).
    static func event(for event: CallEvent, of call: Call) -> String? {
        switch event.kind {
        case .created: "call.initiated"
        case .ringing where event.leg == 0: "call.ringing"
        case .answered where event.leg == 0: "call.answered"
        case .connected: "call.bridged"
        case .ended:
            switch call.status {
            case .completed: "call.completed"
            case .noAnswer: "call.no-answer"
            default: "call.failed"
            }
        default: nil
        }
    }

    /// One webhook per announced event, to the workspace's masking `webhook_url` (none if unset).
    func webhooks(for call: Call, event: CallEvent, in state: WorldState) -> [OutgoingWebhook] {
        guard let name = Self.event(for: event, of: call),
              let account = state.account(EdesyMaskingAdapter.worldKey, id: call.account),
              let url = state.field(account, "masking", "webhook_url")?.stringValue, !url.isEmpty else { return [] }
        let body = JSON.obj([
            "event": .string(name),
            "call_sid": .string(call.id),
            "data": EdesyMaskingWire.webhookData(call),
        ])
        let signature = state.field(account, "masking", "webhook_secret")?.stringValue.flatMap {
            $0.isEmpty ? nil : SignatureSpec(header: Self.signatureHeader, secret: $0, scheme: .prefixedHex)
        }
        return [OutgoingWebhook(url: url, event: name, body: body.serialized, signature: signature, backoff: Self.backoff)]
    }
}
