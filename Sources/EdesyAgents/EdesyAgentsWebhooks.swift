import TelesimCore

/// The `callbackUrl` POST: one `call.ended` when the call ends, whatever its outcome.
///
/// The shape is the captured "Vani" dashboard webhook of research 1.4 (INFERRED: the trigger-call
/// page says only "duration, transcript, and outcome"). No signature header, as in that capture.
/// Failed attempts are retried 3 times after 1 s, 2 s and 4 s (INFERRED from the documented agent
/// `retryPolicy{maxRetries: 3, backoffMs: 1000}` with exponential backoff).
struct EdesyAgentsWebhooks: CallObserver {
    /// Waits before the 3 retries, in simulated milliseconds.
    static let backoff: [Int64] = [1000, 2000, 4000]
    /// The User-Agent of Edesy's documented webhook deliveries.
    static let userAgent = "VoiceAgent-Webhook/1.0"

    /// One `call.ended` to the call's `callbackUrl`, if it gave one; nothing for other events.
    func webhooks(for call: Call, event: CallEvent, in state: WorldState) -> [OutgoingWebhook] {
        guard event.kind == .ended, let url = call.attributes["callbackUrl"]?.stringValue else { return [] }
        return [OutgoingWebhook(url: url, event: "call.ended",
                                headers: [Header("Content-Type", "application/json"), Header("User-Agent", Self.userAgent)],
                                body: Self.payload(call, at: event.at).serialized, backoff: Self.backoff)]
    }

    /// `outcome.status` in the capture's vocabulary.
    static func outcomeStatus(_ s: CallStatus) -> String {
        switch s {
        case .completed, .answered: "completed"
        case .busy: "busy"
        case .noAnswer: "no-answer"
        case .failed, .canceled, .queued, .ringing: "failed"
        }
    }

    /// Why the call ended and who ended it.
    static func ending(_ call: Call) -> (reason: String, by: String) {
        switch call.machine.endReason {
        case .hangup?: ("USER_HANGUP", "user")
        case .maxDuration?: ("MAX_DURATION", "system")
        case .canceled?: ("CANCELED", "system")
        case .legNotConnected?, nil:
            switch call.status {
            case .busy: ("BUSY", "system")
            case .noAnswer: ("NO_ANSWER", "system")
            default: ("FAILED", "system")
            }
        }
    }

    /// The captured "Vani" `call.ended` shape (research 1.4), as of the instant the call ended.
    static func payload(_ call: Call, at: Int64) -> JSON {
        let a = call.attributes
        let lines = EdesyAgentsWire.transcript(call, now: at)
        let (reason, by) = ending(call)
        return .obj([
            "event": "call.ended",
            "timestamp": .string(EdesyAgentsWire.time(at)),
            "call": .obj([
                "id": .string(call.id),
                "callSid": a["callSid"] ?? .null,
                "direction": "outbound",
                "from": a["from"] ?? .null,
                "to": a["to"] ?? .null,
                "duration": .int(EdesyAgentsWire.duration(call, now: at)),
                "turnCount": .int(Int64(lines.count)),
                "provider": a["provider"] ?? .null,
            ]),
            "agent": .obj(["id": a["agentId"] ?? .null]),
            "outcome": .obj([
                "status": .string(outcomeStatus(call.status)),
                "disposition": EdesyAgentsWire.disposition(call.status),
                "endReason": .string(reason),
                "endedBy": .string(by),
            ]),
            "data": .obj(["variables": a["variables"] ?? .object([]), "metadata": a["metadata"] ?? .object([])]),
            "transcript": .array(lines.map { .obj(["speaker": .string($0.speaker), "text": .string($0.text), "timestamp": .string(EdesyAgentsWire.time($0.at))]) }),
        ])
    }
}
