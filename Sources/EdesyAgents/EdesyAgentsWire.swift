import TelesimCore

/// Edesy's voice-agent wire shapes: statuses, the list item, the call details and the transcript.
enum EdesyAgentsWire {
    /// The wire status: `initiated` while queued or ringing, `in-progress` once answered,
    /// `completed`, or `failed` for every call that did not connect (busy, no answer, failed, canceled).
    static func status(_ s: CallStatus) -> String {
        switch s {
        case .queued, .ringing: "initiated"
        case .answered: "in-progress"
        case .completed: "completed"
        case .busy, .noAnswer, .failed, .canceled: "failed"
        }
    }

    /// The statuses the list filter accepts.
    static let statuses = ["initiated", "in-progress", "completed", "failed"]

    /// Why a call failed, in the research's `NO_ANSWER` style; null for calls that did not fail.
    static func disposition(_ s: CallStatus) -> JSON {
        switch s {
        case .busy: "BUSY"
        case .noAnswer: "NO_ANSWER"
        case .failed: "FAILED"
        case .canceled: "CANCELED"
        case .queued, .ringing, .answered, .completed: .null
        }
    }

    /// Times as in the page's list example: `2026-04-10T06:25:00.000Z`.
    static func time(_ ms: Int64) -> String { Timestamp.iso(ms) }

    /// Whole seconds of connected talk so far (rounded down); 0 for calls never answered.
    static func duration(_ call: Call, now: Int64) -> Int64 { call.machine.talkTime(now: now) / 1000 }

    /// One entry of `GET /api/v1/calls`, in the page's field order.
    static func listItem(_ call: Call, now: Int64) -> JSON {
        let a = call.attributes
        return .obj([
            "conversationId": .string(call.id),
            "callSid": a["callSid"] ?? .null,
            "agentId": a["agentId"] ?? .null,
            "agentName": a["agentName"] ?? .null,
            "phoneNumber": a["phoneNumber"] ?? .null,
            "status": .string(status(call.status)),
            "duration": .int(duration(call, now: now)),
            "source": "api",
            "startTime": .string(time(call.createdAt)),
            "endTime": call.machine.endedAt.map { .string(time($0)) } ?? .null,
        ])
    }

    /// `GET /api/v1/calls/{conversationId}`: the research's fields first, then the request's own.
    static func detail(_ call: Call, now: Int64) -> JSON {
        let a = call.attributes
        return .obj([
            "conversationId": .string(call.id),
            "callSid": a["callSid"] ?? .null,
            "status": .string(status(call.status)),
            "disposition": disposition(call.status),
            "duration": .int(duration(call, now: now)),
            "summary": .null,
            "recordingUrl": recordingURL(call),
            "transcript": .array(transcript(call, now: now).map { line in
                .obj(["role": .string(line.speaker), "text": .string(line.text), "timestamp": .string(time(line.at))])
            }),
            "startTime": .string(time(call.createdAt)),
            "endTime": call.machine.endedAt.map { .string(time($0)) } ?? .null,
            "agentId": a["agentId"] ?? .null,
            "agentName": a["agentName"] ?? .null,
            "phoneNumber": a["phoneNumber"] ?? .null,
            "fromNumber": a["fromNumber"] ?? .null,
            "provider": a["provider"] ?? .null,
            "source": "api",
            "variables": a["variables"] ?? .object([]),
            "metadata": a["metadata"] ?? .object([]),
            "unresolvedVariables": a["unresolvedVariables"] ?? .array([]),
        ])
    }

    /// A recording exists once a call has completed (INFERRED URL form).
    static func recordingURL(_ call: Call) -> JSON {
        guard call.status == .completed else { return .null }
        return .string("https://voice-agent.edesy.in/api/v1/calls/\(call.id)/recording.mp3")
    }

    /// One spoken line at its simulated instant.
    struct SpokenLine: Equatable {
        var speaker: String
        var text: String
        var at: Int64
    }

    /// What has been said by `now`: the agent's greeting then the network's lines (variables
    /// substituted at creation), spread evenly over the call's talk time from the moment it connected.
    static func transcript(_ call: Call, now: Int64) -> [SpokenLine] {
        guard let connected = call.machine.connectedAt else { return [] }
        let lines = (call.attributes["lines"]?.arrayValue ?? []).compactMap { line -> (String, String)? in
            guard let s = line["speaker"]?.stringValue, let t = line["text"]?.stringValue else { return nil }
            return (s, t)
        }
        guard !lines.isEmpty else { return [] }
        let planned = call.machine.endedAt.map { $0 - connected } ?? (call.legs.last?.behaviour.talk ?? 0)
        let step = planned / Int64(lines.count)
        let until = call.machine.endedAt ?? now
        return lines.enumerated().compactMap { i, line in
            let at = connected + Int64(i) * step
            return at <= until ? SpokenLine(speaker: line.0, text: line.1, at: at) : nil
        }
    }
}
