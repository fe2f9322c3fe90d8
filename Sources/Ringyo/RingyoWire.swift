import TelesimCore

/// Ringyo's wire shapes: the call object as create, get, list and webhooks show it.
enum RingyoWire {
    /// Ringyo's status for a neutral call status.
    static func status(_ s: CallStatus) -> String {
        switch s {
        case .queued: "queued"
        case .ringing: "ringing"
        case .answered: "in_progress"
        case .completed: "completed"
        case .busy: "busy"
        case .noAnswer: "no_answer"
        case .failed, .canceled: "failed"
        }
    }

    /// Ringyo timestamps: ISO 8601 UTC to the second, as in its examples (`2024-01-15T10:30:00Z`).
    static func time(_ ms: Int64) -> String { Timestamp.iso(ms, fractional: false) }

    /// The call as create returns it.
    static func created(_ call: Call) -> JSON {
        let a = call.attributes
        return .obj([
            "id": .string(call.id),
            "status": .string(status(call.status)),
            "phone_number": a["phone_number"] ?? .null,
            "from_number": a["from_number"] ?? .null,
            "agent_id": a["agent_id"] ?? .null,
            "metadata": a["metadata"] ?? .object([]),
            "record": a["record"] ?? true,
            "created_at": .string(time(call.createdAt)),
        ])
    }

    /// The call as get and list show it; `include` adds transcript, recording and analysis.
    static func detail(_ call: Call, include: Set<String>) -> JSON {
        let a = call.attributes
        var m: [(String, JSON)] = [
            ("id", .string(call.id)),
            ("status", .string(status(call.status))),
            ("phone_number", a["phone_number"] ?? .null),
            ("from_number", a["from_number"] ?? .null),
            ("agent_id", a["agent_id"] ?? .null),
        ]
        if call.status == .completed { m.append(("duration", .int(call.machine.talkTime(now: call.machine.endedAt ?? 0) / 1000))) }
        if include.contains("transcript") { m.append(("transcript", transcript(call))) }
        if include.contains("recording") { m.append(("recording_url", recordingURL(call))) }
        if include.contains("analysis") { m.append(("analysis", analysis(call))) }
        m += [
            ("metadata", a["metadata"] ?? .object([])),
            ("record", a["record"] ?? true),
            ("created_at", .string(time(call.createdAt))),
            ("ended_at", call.machine.endedAt.map { .string(time($0)) } ?? .null),
        ]
        return .object(m)
    }

    /// The conversation, once it has happened: each line at its offset in seconds from connect,
    /// spread evenly over the talk time.
    static func transcript(_ call: Call) -> JSON {
        guard call.machine.connectedAt != nil, let leg = call.legs.last, !leg.behaviour.transcript.isEmpty else { return .array([]) }
        let lines = leg.behaviour.transcript
        let talk = Double(call.machine.talkTime(now: call.machine.endedAt ?? call.machine.connectedAt!)) / 1000
        let step = lines.count > 1 ? min(talk / Double(lines.count), 10) : 0
        return .array(lines.enumerated().map { i, line in
            .obj(["role": .string(line.speaker), "content": .string(line.text), "timestamp": .double((Double(i) * step * 10).rounded() / 10)])
        })
    }

    static func recordingURL(_ call: Call) -> JSON {
        guard call.attributes["record"]?.boolValue != false, call.status == .completed else { return .null }
        return .string("https://api.ringyo.ai/v1/recordings/\(call.id).mp3")
    }

    static func analysis(_ call: Call) -> JSON {
        guard call.status == .completed else { return .null }
        return .obj(["outcome": .string(call.machine.endReason == .maxDuration ? "max_duration_reached" : "completed"),
                     "sentiment": "neutral"])
    }
}
