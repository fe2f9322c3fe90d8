import TelesimCore

/// Exotel's wire shapes: the envelope every answer travels in, the call as make-call, call details
/// and status callbacks show it, and the mapping from neutral statuses to Exotel's vocabulary.
enum ExotelWire {
    /// Exotel timestamps: ISO 8601 UTC with milliseconds, as in the page's `2024-06-15T10:30:00.000Z`.
    static func time(_ ms: Int64) -> String { Timestamp.iso(ms) }

    /// The v2 success envelope `{request_id, method, http_code, response}`.
    static func envelope(requestID: String, method: String, _ response: JSON) -> JSON {
        .obj(["request_id": .string(requestID), "method": .string(method), "http_code": 200, "response": response])
    }

    /// `active` while any leg may still change, `terminal` once the call has ended.
    static func state(_ call: Call) -> String { call.isActive ? "active" : "terminal" }

    /// `call_status`: null while active, then derived from what each leg did:
    /// the customer connected -> completed; the agent leg rang out -> agent_unanswered; the agent
    /// leg was busy or failed -> agent_no_dial; the call was canceled before it connected ->
    /// agent_canceled; the customer leg rang out or was busy -> customer_unanswered; the customer
    /// leg failed -> customer_no_dial.
    static func status(_ call: Call) -> String? {
        guard !call.isActive else { return nil }
        if call.status == .completed, call.machine.connectedAt != nil { return "completed" }
        if call.status == .canceled { return "agent_canceled" }
        switch call.legs.first?.status {
        case .noAnswer: return "agent_unanswered"
        case .busy, .failed: return "agent_no_dial"
        case .canceled: return "agent_canceled"
        default: break
        }
        switch call.legs.count > 1 ? call.legs[1].status : nil {
        case .failed: return "customer_no_dial"
        case .canceled: return "agent_canceled"
        default: return "customer_unanswered"
        }
    }

    /// A leg's status in Exotel's call-status vocabulary (queued, ringing, in-progress, completed,
    /// failed, busy, no-answer, canceled); nil for a leg that was never dialled.
    static func legStatus(_ leg: Leg) -> String? {
        guard leg.ringingAt != nil else { return nil }
        switch leg.status {
        case .queued: return "queued"
        case .ringing: return "ringing"
        case .answered: return "in-progress"
        case .completed: return "completed"
        case .busy: return "busy"
        case .noAnswer: return "no-answer"
        case .failed: return "failed"
        case .canceled: return "canceled"
        }
    }

    /// Whole seconds, rounded half up.
    static func seconds(_ ms: Int64) -> Int64 { (ms + 500) / 1000 }

    /// Seconds from the first leg starting to ring to the end; null while active.
    static func totalDuration(_ call: Call) -> JSON {
        guard let end = call.machine.endedAt else { return .null }
        return .int(seconds(end - (call.legs.first?.ringingAt ?? end)))
    }

    /// Seconds the customer was connected; null while active.
    static func totalTalkTime(_ call: Call) -> JSON {
        guard let end = call.machine.endedAt else { return .null }
        return .int(seconds(call.machine.talkTime(now: end)))
    }

    /// The recording's URL, once a recorded call has ended after the customer connected.
    static func recordingURL(_ call: Call) -> String? {
        guard call.attributes["recording"]?.boolValue == true, !call.isActive, call.machine.connectedAt != nil else { return nil }
        return "https://s3-ap-southeast-1.amazonaws.com/exotelrecordings/\(call.account)/\(call.id).mp3"
    }

    /// `assigned_agent_details` as make-call and call details show it.
    static func agent(_ call: Call) -> JSON {
        .obj(["user_id": call.attributes["user_id"] ?? .null, "contact_uri": call.attributes["contact_uri"] ?? .null])
    }

    /// The `response` of a successful make-call.
    static func created(_ call: Call) -> JSON {
        let a = call.attributes
        return .obj([
            "call_sid": .string(call.id),
            "call_state": .string(state(call)),
            "call_status": JSON.orNull(status(call)),
            "assigned_agent_details": agent(call),
            "customer_details": .obj(["number": a["customer_number"] ?? .null]),
            "virtual_number": a["virtual_number"] ?? .null,
            "recording": a["recording"] ?? false,
            "created_time": .string(time(call.createdAt)),
        ])
    }

    /// The `response` of call details: `{call_details:{…}}`, the developer.exotel.com voice-api variant.
    static func details(_ call: Call) -> JSON {
        let a = call.attributes
        let url = recordingURL(call)
        return .obj(["call_details": .obj([
            "sid": .string(call.id),
            "direction": "outbound-api",
            "virtual_number": a["virtual_number"] ?? .null,
            "state": .string(state(call)),
            "status": JSON.orNull(status(call)),
            "assigned_agent_details": agent(call),
            "customer_details": .obj(["number": a["customer_number"] ?? .null]),
            "created_time": .string(time(call.createdAt)),
            "updated_time": .string(time(call.timeline.last?.at ?? call.createdAt)),
            "start_time": JSON.orNull(call.legs.first?.ringingAt.map(time)),
            "end_time": JSON.orNull(call.machine.endedAt.map(time)),
            "total_duration": totalDuration(call),
            "total_talk_time": totalTalkTime(call),
            "recording": .obj(["available": .bool(url != nil), "url": JSON.orNull(url)]),
            "custom_field": a["custom_field"] ?? .null,
            "legs": .string("/v2/accounts/\(call.account)/calls/\(call.id)/legs"),
        ])])
    }

    /// A status callback body (INFERRED from an observed integration, see README).
    static func callback(_ call: Call, event: String) -> JSON {
        let a = call.attributes
        let customer = call.legs.count > 1 ? call.legs[1] : nil
        return .obj([
            "event_details": .obj(["event_type": .string(event)]),
            "call_details": .obj([
                "call_sid": .string(call.id),
                "direction": "outbound",
                "virtual_number": a["virtual_number"] ?? .null,
                "call_state": .string(state(call)),
                "call_status": JSON.orNull(status(call)),
                "assigned_agent_details": .obj(["user_id": a["user_id"] ?? .null, "user_name": a["user_name"] ?? .null]),
                "customer_details": .obj(["contact_uri": a["customer_number"] ?? .null, "status": JSON.orNull(customer.flatMap(legStatus))]),
                "total_talk_time": totalTalkTime(call),
                "total_duration": totalDuration(call),
                "recordings": .array(recordingURL(call).map { [.obj(["url": .string($0)])] } ?? []),
                "custom_field": a["custom_field"] ?? .null,
            ]),
        ])
    }
}
