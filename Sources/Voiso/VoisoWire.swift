import TelesimCore

/// Voiso's wire shapes: CDR records and the call object of its webhooks, and how neutral call
/// statuses map to Voiso's dispositions.
enum VoisoWire {
    /// Every disposition Voiso documents (legacy CDR and call-outcome pages); the CDR filter accepts these.
    static let dispositions = ["answered", "failed", "busy", "no_answer", "rejected", "abandoned", "missed", "dialer_abandoned",
                               "system_abandoned", "answered_by_VM", "system_reject", "machine_answered"]
    /// The CDR types of the List CDRs page.
    static let types = ["call", "conversation", "hlr_lookup", "sms"]

    /// The disposition of an ended call: the outcome of the leg that decided it. A call whose agent
    /// never answered is `no_answer` too (the customer was never dialled).
    static func disposition(_ s: CallStatus) -> String {
        switch s {
        case .completed, .answered: "answered"
        case .busy: "busy"
        case .noAnswer, .queued, .ringing: "no_answer"
        case .failed, .canceled: "failed"
        }
    }

    /// Voiso timestamps: ISO 8601 UTC to the second (`2024-08-14T09:48:11Z`, webhook examples).
    static func time(_ ms: Int64) -> String { Timestamp.iso(ms, fractional: false) }

    /// Whole seconds, as the webhook example's `duration` counts them.
    static func seconds(_ ms: Int64) -> Int64 { max(0, ms) / 1000 }

    /// Milliseconds from the request until the customer answered (or, unanswered, until the end).
    static func dialingTime(_ call: Call, now: Int64) -> Int64 {
        (call.machine.connectedAt ?? call.machine.endedAt ?? now) - call.createdAt
    }

    /// The link to the call's record in the Voiso UI, as in the webhook example.
    static func cdrURL(_ call: Call) -> String { "https://\(call.account).voiso.com/cdr/\(call.id)" }

    /// A contact centre's id in webhooks: Voiso shows a UUID, which the scenario does not hold, so
    /// it is derived from the cluster id (FNV-1a), the same in every run.
    static func contactCenterID(_ cluster: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
            for b in cluster.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return h
        }
        var hex = Array(String(fnv(0), radix: 16).leftPadded(16) + String(fnv(0x9E37_79B9), radix: 16).leftPadded(16))
        hex[12] = "4"
        hex[16] = ["8", "9", "a", "b"][Int(String(hex[16]), radix: 16)! % 4]
        let s = String(hex)
        func part(_ a: Int, _ b: Int) -> Substring { s.dropFirst(a).prefix(b - a) }
        return [part(0, 8), part(8, 12), part(12, 16), part(16, 20), part(20, 32)].joined(separator: "-")
    }

    /// One CDR of `GET /api/v4/reporting/cdrs` for an ended click-to-call.
    static func cdr(_ call: Call) -> JSON {
        let a = call.attributes
        let ended = call.machine.endedAt ?? call.createdAt
        return .obj([
            "id": .string(call.id),
            "type": "call",
            "started_at": .string(time(call.createdAt)),
            "ended_at": .string(time(ended)),
            "data": .obj([
                "direction": "outbound",
                "subtype": "click_to_call",
                "disposition": .string(disposition(call.status)),
                "calling_number": a["calling_number"] ?? .null,
                "called_number": a["called_number"] ?? .null,
                "user_id": a["user_id"] ?? .null,
                "agent": a["agent"] ?? .null,
                "duration": .int(seconds(ended - call.createdAt)),
                "dialing_time": .int(seconds(dialingTime(call, now: ended))),
                "talk_time": .int(seconds(call.machine.talkTime(now: ended))),
                "external_account_id": a["source"]?["account_id"] ?? .null,
                "source": a["source"] ?? .null,
            ]),
        ])
    }

    /// The call object of the outbound webhooks (outbound-call-events page), at `now`.
    static func webhookCall(_ call: Call, now: Int64, ended: Bool) -> JSON {
        let a = call.attributes
        var data: [(String, JSON)] = [
            ("id", .string(call.id)),
            ("type", "outbound"),
            ("start_time", .string(time(call.createdAt))),
            ("duration", .obj(["total": .int(seconds(now - call.createdAt)), "dialing_time": .int(seconds(dialingTime(call, now: now)))])),
            ("calling_number", a["calling_number"] ?? .null),
            ("called_number", a["called_number"] ?? .null),
            ("ext_user_id", a["source"]?["account_id"] ?? .null),
            ("cdr_url", .string(cdrURL(call))),
            ("agent", a["agent"] ?? .null),
        ]
        if ended { data.append(("disposition", .string(disposition(call.status)))) }
        return .object(data)
    }
}

/// Zero-padding for the derived contact-centre UUID.
extension String {
    /// The string left-padded with zeros to `width` characters.
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
