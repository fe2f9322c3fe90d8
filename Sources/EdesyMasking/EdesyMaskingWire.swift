import TelesimCore

/// Edesy masking's wire shapes: the call as initiate, status, call logs and webhooks show it, and
/// the mapping from the core's two legs (party A, then party B) to the documented statuses.
///
/// | core state | wire status |
/// |---|---|
/// | created, A not yet dialled | `initiated` |
/// | A ringing | `ringing` |
/// | A answered, B being dialled or ringing | `answered` |
/// | B answered: bridged | `in-progress` |
/// | ended after the bridge (hang-up or max duration) | `completed` |
/// | A or B did not answer within the ring timeout | `no-answer` |
/// | A or B busy, failed, or the call canceled | `failed` |
enum EdesyMaskingWire {
    /// The statuses the call-logs filter accepts, as documented.
    static let statuses = ["initiated", "ringing", "answered", "in-progress", "completed", "failed", "no-answer"]

    /// The wire status of a call, derived from its legs (see the table above).
    static func status(_ call: Call) -> String {
        switch call.status {
        case .queued: return "initiated"
        case .ringing: return call.legs.first?.status == .answered ? "answered" : "ringing"
        case .answered: return "in-progress"
        case .completed: return "completed"
        case .noAnswer: return "no-answer"
        case .busy, .failed, .canceled: return "failed"
        }
    }

    /// Why the call ended (nil while it runs): `normal`, `max_duration`, `busy`, `no_answer`,
    /// `failed`, `canceled`.
    static func hangupCause(_ call: Call) -> String? {
        switch call.status {
        case .queued, .ringing, .answered: nil
        case .completed: call.machine.endReason == .maxDuration ? "max_duration" : "normal"
        case .busy: "busy"
        case .noAnswer: "no_answer"
        case .failed: "failed"
        case .canceled: "canceled"
        }
    }

    /// ISO 8601 UTC to the second, as in the third-party `meta.timestamp` (`2026-09-28T15:19:34Z`).
    static func time(_ ms: Int64) -> String { Timestamp.iso(ms, fractional: false) }

    /// An optional instant: the time, or null while it has not happened.
    static func time(_ ms: Int64?) -> JSON { ms.map { .string(time($0)) } ?? .null }

    /// Whole seconds Party B was connected (0 if the call was never bridged).
    static func durationSeconds(_ call: Call) -> Int64 {
        call.machine.talkTime(now: call.machine.endedAt ?? call.machine.connectedAt ?? 0) / 1000
    }

    /// Started minutes of bridged talk, once the call has ended: what the wallet is debited for.
    static func billedMinutes(_ call: Call) -> Int64 {
        guard let end = call.machine.endedAt else { return 0 }
        return (call.machine.talkTime(now: end) + 59_999) / 60_000
    }

    /// The price in paise: started minutes x price per minute (as the core settles it; computed
    /// here too because the ending webhook is rendered just before the core settles).
    static func price(_ call: Call) -> Int64 {
        if let cost = call.billing?.cost { return cost }
        return billedMinutes(call) * (call.billing?.pricePerMinute ?? 0)
    }

    /// `recordings/YYYY/MM/DD/<call_sid>.wav`, relative as documented, for a completed bridged call.
    static func recordingURL(_ call: Call) -> JSON {
        guard call.status == .completed, call.machine.connectedAt != nil else { return .null }
        let day = time(call.createdAt).prefix(10).replacingOccurrences(of: "-", with: "/")
        return .string("recordings/\(day)/\(call.id).wav")
    }

    /// The `data` of a 201 from initiate.
    static func created(_ call: Call) -> JSON { .object(identity(call)) }

    /// The `data` of `GET /masking/calls/{call_sid}`: what initiate answered, then how the call went.
    static func detail(_ call: Call) -> JSON {
        .object(identity(call) + [
            ("hangup_cause", JSON.orNull(hangupCause(call))),
            ("duration_sec", .int(durationSeconds(call))),
            ("recording_url", recordingURL(call)),
            ("started_at", .string(time(call.createdAt))),
            ("answered_at", time(call.machine.connectedAt)),
            ("ended_at", time(call.machine.endedAt)),
            ("price", Money.json(price(call))),
        ])
    }

    /// The members initiate's answer and the call detail share, in their order.
    private static func identity(_ call: Call) -> [(String, JSON)] {
        let a = call.attributes
        return [
            ("call_sid", .string(call.id)),
            ("status", .string(status(call))),
            ("party_a", a["party_a"] ?? .null),
            ("party_b", a["party_b"] ?? .null),
            ("masked_number", a["masked_number"] ?? .null),
        ]
    }

    /// One entry of `GET /masking/call-logs`.
    static func logEntry(_ call: Call) -> JSON {
        let a = call.attributes
        return .obj([
            "id": .string(call.id),
            "caller_number": a["party_a"] ?? .null,
            "target_number": a["party_b"] ?? .null,
            "masked_number": a["masked_number"] ?? .null,
            "direction": "click_to_call",
            "status": .string(status(call)),
            "started_at": .string(time(call.createdAt)),
            "duration_sec": .int(durationSeconds(call)),
            "price": Money.json(price(call)),
        ])
    }

    /// The `data` of a webhook; `hangup_cause` is added to call.failed and call.no-answer.
    static func webhookData(_ call: Call) -> JSON {
        let a = call.attributes
        var data = JSON.obj([
            "caller_number": a["party_a"] ?? .null,
            "target_number": a["party_b"] ?? .null,
            "masked_number": a["masked_number"] ?? .null,
            "direction": "click_to_call",
            "status": .string(status(call)),
            "started_at": .string(time(call.createdAt)),
            "answered_at": time(call.machine.connectedAt),
            "ended_at": time(call.machine.endedAt),
            "duration_sec": .int(durationSeconds(call)),
            "bill_duration_sec": .int(billedMinutes(call) * 60),
            "price": Money.json(price(call)),
            "recording_url": recordingURL(call),
        ])
        if call.status.isFinal, call.status != .completed { data["hangup_cause"] = JSON.orNull(hangupCause(call)) }
        return data
    }
}
