import TelesimCore

/// How the admin API shows the world's records. Keys are snake_case; instants ISO 8601 UTC;
/// money decimal numbers.
enum AdminJSON {
    static func time(_ ms: Int64?) -> JSON { ms.map { .string(Timestamp.iso($0)) } ?? .null }

    static func headers(_ headers: [Header]) -> JSON {
        var members: [(String, JSON)] = []
        for h in headers {
            if let i = members.firstIndex(where: { $0.0.lowercased() == h.name.lowercased() }) {
                members[i].1 = .string((members[i].1.stringValue ?? "") + ", " + h.value)
            } else {
                members.append((h.name, .string(h.value)))
            }
        }
        return .object(members)
    }

    static func call(_ call: Call, now: Int64) -> JSON {
        let m = call.machine
        var billing: JSON = .null
        if let b = call.billing {
            billing = .obj(["balance": .string(b.balance), "price_per_minute": Money.json(b.pricePerMinute),
                            "held": Money.json(b.held), "cost": b.cost.map(Money.json) ?? .null])
        }
        return .obj([
            "id": .string(call.id),
            "provider": .string(call.provider),
            "account": .string(call.account),
            "status": .string(call.status.rawValue),
            "created_at": time(m.createdAt),
            "connected_at": time(m.connectedAt),
            "ended_at": time(m.endedAt),
            "end_reason": m.endReason.map { .string($0.rawValue) } ?? .null,
            "talk_time_ms": .int(m.talkTime(now: now)),
            "ring_timeout_ms": .int(m.ringTimeout),
            "max_duration_ms": m.maxDuration.map(JSON.int) ?? .null,
            "occupies": call.occupies.map(JSON.string) ?? .null,
            "billing": billing,
            "legs": .array(call.legs.map(leg)),
            "timeline": .array(call.timeline.map { e in
                .obj(["seq": .int(Int64(e.seq)), "at": time(e.at), "event": .string(e.kind.rawValue),
                      "leg": e.leg.map { .int(Int64($0)) } ?? .null, "status": .string(e.status.rawValue)])
            }),
            "attributes": call.attributes,
        ])
    }

    static func leg(_ leg: Leg) -> JSON {
        .obj([
            "role": .string(leg.role),
            "number": .string(leg.number),
            "status": .string(leg.status.rawValue),
            "behaviour": .obj(["outcome": .string(leg.behaviour.outcome.rawValue), "ring_ms": .int(leg.behaviour.ring),
                               "talk_ms": .int(leg.behaviour.talk)]),
            "ringing_at": time(leg.ringingAt),
            "answered_at": time(leg.answeredAt),
            "ended_at": time(leg.endedAt),
            "cause": leg.cause.map(JSON.string) ?? .null,
        ])
    }

    static func delivery(_ d: Delivery) -> JSON {
        .obj([
            "id": .string(d.id),
            "call_id": .string(d.callID),
            "provider": .string(d.provider),
            "event": .string(d.event),
            "url": .string(d.url),
            "headers": headers(d.sentHeaders ?? d.headers),
            "body": .string(d.body),
            "status": .string(d.status == .pending ? "retrying" : d.status.rawValue),
            "created_at": time(d.createdAt),
            "attempts": .array(d.attempts.map { a in
                .obj(["at": time(a.at), "simulated_at": time(a.simulatedAt), "status": a.status.map { .int(Int64($0)) } ?? .null,
                      "error": a.error.map(JSON.string) ?? .null, "duration_ms": .int(a.durationMs),
                      "response": a.responseExcerpt.map(JSON.string) ?? .null])
            }),
        ])
    }

    static func journal(_ e: JournalEntry) -> JSON {
        .obj([
            "id": .int(e.id),
            "provider": .string(e.provider),
            "account": e.account.map(JSON.string) ?? .null,
            "method": .string(e.method),
            "path": .string(e.path),
            "query": .string(e.query),
            "headers": headers(e.headers),
            "body": .string(e.body),
            "status": .int(Int64(e.status)),
            "response_body": .string(e.responseBody),
            "simulated_at": time(e.simulatedAt),
            "received_at": time(e.wallAt),
            "duration_ms": .double((e.durationMs * 1000).rounded() / 1000),
        ])
    }

    static func sink(_ r: SinkRequest) -> JSON {
        .obj([
            "method": .string(r.method),
            "path": .string(r.path),
            "headers": headers(r.headers),
            "body": .string(r.body),
            "json": (try? JSON.parse(r.body)) ?? .null,
            "received_at": time(r.receivedAt),
            "simulated_at": time(r.simulatedAt),
        ])
    }

    static func fault(_ rule: FaultRule, fired: Int) -> JSON {
        var match: [(String, JSON)] = []
        if let p = rule.match.provider { match.append(("provider", .string(p))) }
        if let m = rule.match.method { match.append(("method", .string(m))) }
        if let p = rule.match.path { match.append(("path", .string(p))) }
        var out: [(String, JSON)] = [("match", .object(match))]
        if let t = rule.times { out.append(("times", .int(Int64(t)))) }
        if let p = rule.probability { out.append(("probability", .double(p))) }
        if let d = rule.delay { out.append(("delay", .string(SimDuration.format(d)))) }
        switch rule.respond {
        case .error(let e): out.append(("respond", .obj(["error": .string(e.rawValue)])))
        case .raw(let status, let body): out.append(("respond", .obj(["status": .int(Int64(status)), "body": .string(body)])))
        case .drop: out.append(("respond", .obj(["drop": true])))
        case nil: break
        }
        out.append(("fired", .int(Int64(fired))))
        return .object(out)
    }

    static func clock(mode: ClockMode, now: Int64, speed: Double) -> JSON {
        .obj(["mode": .string(mode.rawValue), "now": time(now), "speed": speed.rounded() == speed ? .int(Int64(speed)) : .double(speed)])
    }
}
