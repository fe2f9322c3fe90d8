import TelesimCore
import TelesimTestSupport
import Testing

/// Two-leg calls on the virtual clock against the default world's magic numbers: statuses,
/// webhooks with their signatures, and the wallet to the paisa.
///
/// Timings: Party A is dialled 1 s after initiate and rings 3 s (answers at 4 s); B is dialled 1 s
/// later (5 s), rings 3 s and is bridged at 8 s; B talks 30 s (10 min for 9000000004). A leg that
/// does not answer gives up after the 30 s ring timeout.
@Suite struct CallFlowTests {
    struct Outcome: Sendable, CustomTestStringConvertible {
        var name: String
        var a = "9876543210"
        var b = "9123456789"
        var maxDurationSec: Int?
        /// Seconds after initiate at which the call ends.
        var endsAt: Int64
        var status: String
        var hangupCause: String
        var events: [String]
        var bridgedAt: Int64?
        var durationSec: Int64 = 0
        var billSec: Int64 = 0
        var price: String = "0.00"
        var testDescription: String { name }
    }

    static let outcomes: [Outcome] = [
        Outcome(name: "completed: B hangs up after 30 s", endsAt: 38, status: "completed", hangupCause: "normal",
                events: ["call.initiated", "call.ringing", "call.answered", "call.bridged", "call.completed"],
                bridgedAt: 8, durationSec: 30, billSec: 60, price: "1.50"),
        Outcome(name: "A does not answer", a: "9000000002", endsAt: 31, status: "no-answer", hangupCause: "no_answer",
                events: ["call.initiated", "call.ringing", "call.no-answer"]),
        Outcome(name: "A busy", a: "9000000001", endsAt: 4, status: "failed", hangupCause: "busy",
                events: ["call.initiated", "call.ringing", "call.failed"]),
        Outcome(name: "A unreachable", a: "9000000003", endsAt: 4, status: "failed", hangupCause: "failed",
                events: ["call.initiated", "call.ringing", "call.failed"]),
        Outcome(name: "B busy", b: "9000000001", endsAt: 8, status: "failed", hangupCause: "busy",
                events: ["call.initiated", "call.ringing", "call.answered", "call.failed"]),
        Outcome(name: "B does not answer", b: "9000000002", endsAt: 35, status: "no-answer", hangupCause: "no_answer",
                events: ["call.initiated", "call.ringing", "call.answered", "call.no-answer"]),
        Outcome(name: "max_duration_sec cuts a 10-minute talk after 90 s", b: "9000000004", maxDurationSec: 90, endsAt: 98,
                status: "completed", hangupCause: "max_duration",
                events: ["call.initiated", "call.ringing", "call.answered", "call.bridged", "call.completed"],
                bridgedAt: 8, durationSec: 90, billSec: 120, price: "3.00"),
    ]

    @Test(arguments: outcomes)
    func outcome(_ o: Outcome) async throws {
        try await TestSimulator.run(mode: .live) { sim in
            let t0 = try await sim.now()
            let created = try await sim.initiate(o.a, o.b, maxDurationSec: o.maxDurationSec)
            #expect(created.status == 201, "\(created.text)")
            let sid = try #require(created.json["data"]?["call_sid"]?.stringValue)

            // Still running half a second before the end, over half a second after.
            try await sim.advance("\(o.endsAt * 1000 - 500)ms")
            #expect(try await sim.maskingCall(sid)["status"]?.stringValue != o.status)
            #expect(try await sim.maskingCall(sid)["hangup_cause"] == .null)
            try await sim.advance("1s")
            let detail = try await sim.maskingCall(sid)
            let recording: JSON = o.status == "completed"
                ? .string("recordings/\(iso(t0).prefix(10).replacingOccurrences(of: "-", with: "/"))/\(sid).wav") : .null
            #expect(detail == .obj([
                "call_sid": .string(sid), "status": .string(o.status), "party_a": .string(o.a), "party_b": .string(o.b),
                "masked_number": "917969002802", "hangup_cause": .string(o.hangupCause), "duration_sec": .int(o.durationSec),
                "recording_url": recording, "started_at": .string(iso(t0)),
                "answered_at": o.bridgedAt.map { .string(iso(t0 + $0 * 1000)) } ?? .null,
                "ended_at": .string(iso(t0 + o.endsAt * 1000)), "price": .decimal(o.price),
            ]), "\(detail.serialized)")

            // The wallet: 1000.00 less the price, to the paisa, in the world and on the billing endpoint.
            let expectedBalance = JSON.decimal(Money.format(100_000 - (Money.parse(o.price) ?? -1)))
            #expect(try await sim.stateValue("edesy/default/masking/balance") == expectedBalance)
            #expect(try await sim.billingBalance() == expectedBalance)

            // Webhooks: in event order, signed, the last one carrying the documented payload.
            let requests = try await sim.sinkRequests()
            #expect(requests.compactMap { $0["json"]?["event"]?.stringValue } == o.events)
            for request in requests {
                let body = try #require(request["body"]?.stringValue)
                #expect(header(request, "X-Edesy-Signature") == "sha256=" + HMACSHA256.hex(key: "whsec_default", message: body))
                #expect(header(request, "Content-Type")?.hasPrefix("application/json") == true)
                #expect(request["json"]?["call_sid"]?.stringValue == sid)
            }
            let last = try #require(requests.last?["json"])
            var data: JSON = .obj([
                "caller_number": .string(o.a), "target_number": .string(o.b), "masked_number": "917969002802",
                "direction": "click_to_call", "status": .string(o.status), "started_at": .string(iso(t0)),
                "answered_at": o.bridgedAt.map { .string(iso(t0 + $0 * 1000)) } ?? .null,
                "ended_at": .string(iso(t0 + o.endsAt * 1000)), "duration_sec": .int(o.durationSec),
                "bill_duration_sec": .int(o.billSec), "price": .decimal(o.price), "recording_url": recording,
            ])
            if o.status != "completed" { data["hangup_cause"] = .string(o.hangupCause) }
            #expect(last == .obj(["event": .string(o.events.last!), "call_sid": .string(sid), "data": data]), "\(last.serialized)")
            #expect(last.objectValue?.map(\.0) == ["event", "call_sid", "data"])
        }
    }

    /// The wire status at every step of a completed call, and each webhook's own status and times.
    @Test func statusesMoveThroughEveryStep() async throws {
        try await TestSimulator.run(mode: .live) { sim in
            let t0 = try await sim.now()
            let sid = try #require(try await sim.initiate("9876543210", "9123456789").json["data"]?["call_sid"]?.stringValue)
            var seen: [String] = []
            for step in ["500ms", "1s", "3s", "1s", "3s", "29s", "1s"] {
                try await sim.advance(step)
                seen.append(try await sim.maskingCall(sid)["status"]?.stringValue ?? "?")
            }
            // 0.5 s, 1.5 s (A rings), 4.5 s (A answered), 5.5 s (B rings), 8.5 s (bridged), 37.5 s, 38.5 s.
            #expect(seen == ["initiated", "ringing", "answered", "answered", "in-progress", "in-progress", "completed"])

            let hooks = try await sim.sinkRequests().compactMap { $0["json"] }
            #expect(hooks.map { $0["data"]?["status"]?.stringValue ?? "?" } == ["initiated", "ringing", "answered", "in-progress", "completed"])
            #expect(hooks.map { $0["data"]?["answered_at"] ?? .null } == [.null, .null, .null, .string(iso(t0 + 8000)), .string(iso(t0 + 8000))])
            #expect(hooks.allSatisfy { $0["data"]?["started_at"]?.stringValue == iso(t0) })
        }
    }

    /// While a call runs, billing shows the balance less its one-minute hold; the world's balance
    /// is only debited when the call ends.
    @Test func billingShowsTheHoldWhileTheCallRuns() async throws {
        try await TestSimulator.run { sim in
            #expect(try await sim.billingBalance() == .decimal("1000.00"))
            #expect(try await sim.initiate("9876543210", "9000000004").status == 201)
            try await sim.advance("9s")
            #expect(try await sim.billingBalance() == .decimal("998.50"))
            #expect(try await sim.stateValue("edesy/default/masking/balance") == .decimal("1000.00"))
            try await sim.advance("10m")
            // 10 minutes of talk: 10 started minutes at 1.50.
            #expect(try await sim.billingBalance() == .decimal("985.00"))
            #expect(try await sim.stateValue("edesy/default/masking/balance") == .decimal("985.00"))
        }
    }
}
