import Foundation
import TelesimCore

/// Builders for core values. `WorldMeta`, `Delivery`, `CallEvent`, `Billing` and
/// `Scheduler.Entry` have no public initialisers, so some are made by decoding what a mirror encodes.
enum Fixtures {
    /// Decodes `T` from what `value` encodes to: for core types without a public initialiser.
    static func convert<T: Decodable>(_ value: some Encodable, to: T.Type = T.self) -> T {
        try! JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
    }

    static func entry(_ item: ScheduledItem, at due: Int64, seq: UInt64) -> Scheduler.Entry {
        var scheduler = Scheduler(nextSeq: seq)
        return scheduler.schedule(item, at: due)
    }

    private struct MetaMirror: Encodable {
        var scenarioSource: String
        var now: Int64
        var random: SeededRandom
        var faultRandom: SeededRandom
        var nextSeq: UInt64
        var pendingTimeline: [Scheduler.Entry]
        var nextJournalID: Int64
        var faultsFired: [Int]
        var memo: JSON
    }

    static func meta(now: Int64 = 1_000, nextJournalID: Int64 = 0) -> WorldMeta {
        convert(MetaMirror(scenarioSource: "name: test\nseed: 7\n", now: now, random: SeededRandom(seed: 7),
                           faultRandom: SeededRandom(seed: 8), nextSeq: 42,
                           pendingTimeline: [entry(.timeline(index: 1), at: 60_000, seq: 1)], nextJournalID: nextJournalID,
                           faultsFired: [0, 2], memo: .obj(["idempotency": .obj(["k1": "call_1"])])))
    }

    /// Two providers, an int account id, and a provider member that is not an account list.
    static let providers: JSON = .obj([
        "ringyo": .obj(["accounts": .array([
            .obj(["id": "acme", "api_keys": ["rk_live_1"], "credits": 5_000, "agents": .array([.obj(["id": "a1", "name": "Ann"])])]),
            .obj(["id": "zeta", "api_keys": ["rk_live_2"], "credits": 0]),
        ])]),
        "voiso": .obj(["contact_centers": .array([.obj(["cluster": 17, "api_keys": .array([.obj(["key": "vk"])])])]), "note": "kept"]),
    ])

    struct EventMirror: Encodable {
        var seq: Int
        var at: Int64
        var kind: CallEventKind
        var leg: Int?
        var status: CallStatus
    }

    struct BillingMirror: Encodable {
        var balance: String
        var pricePerMinute: Int64
        var held: Int64
        var cost: Int64?
    }

    /// A call that has rung its first leg, with a timeline, billing and a pending scheduler entry.
    static func call(_ id: String, provider: String = "ringyo", account: String = "acme", at createdAt: Int64 = 1_000, seq: UInt64 = 10) -> Call {
        var machine = CallMachine(legs: [Leg(role: "agent", number: "+919800000001", behaviour: Behaviour(ring: 2_000)),
                                         Leg(role: "customer", number: "+919800000002", behaviour: Behaviour(outcome: .busy))],
                                  ringTimeout: 30_000, maxDuration: 600_000, createdAt: createdAt)
        _ = machine.start()
        _ = machine.handle(.dial(leg: 0), at: createdAt + 1_000)
        var call = Call(id: id, provider: provider, account: account, machine: machine,
                        attributes: .obj(["to": "+919800000002", "z": 1, "a": .array([true, .null])]))
        call.timeline = [
            convert(EventMirror(seq: 0, at: createdAt, kind: .created, leg: nil, status: .queued)),
            convert(EventMirror(seq: 1, at: createdAt + 1_000, kind: .ringing, leg: 0, status: .ringing)),
        ]
        call.billing = convert(BillingMirror(balance: "\(provider)/\(account)/credits", pricePerMinute: 10, held: 10, cost: nil))
        call.pending = entry(.call(id: id, .ringEnded(leg: 0)), at: createdAt + 3_000, seq: seq)
        call.aliases = ["\(provider)/\(account)/idempotency/k-\(id)"]
        return call
    }

    private struct DeliveryMirror: Encodable {
        var id: String
        var callID: String
        var provider: String
        var event: String
        var url: String
        var headers: [Header]
        var body: String
        var signature: SignatureSpec?
        var backoff: [Int64]
        var status: DeliveryStatus
        var attempts: [DeliveryAttempt]
        var createdAt: Int64
        var pending: Scheduler.Entry?
    }

    static func delivery(_ id: String, callID: String, status: DeliveryStatus = .retrying, attempts: Int = 1, at createdAt: Int64 = 1_000) -> Delivery {
        convert(DeliveryMirror(
            id: id, callID: callID, provider: "ringyo", event: "call.ringing", url: "http://127.0.0.1:9/hook",
            headers: [Header("Content-Type", "application/json"), Header("X-Ringyo-Signature", "abc")],
            body: #"{"event":"call.ringing","call_id":"\#(callID)"}"#,
            signature: SignatureSpec(header: "X-Ringyo-Signature", secret: "s3cret", scheme: .hex), backoff: [1_000, 5_000],
            status: status,
            attempts: (0..<attempts).map { attempt($0, createdAt) },
            createdAt: createdAt,
            pending: status == .retrying ? entry(.webhook(deliveryID: id), at: createdAt + 1_000, seq: 99) : nil))
    }

    /// The first attempt could not connect; later ones got a 500.
    static func attempt(_ n: Int, _ createdAt: Int64) -> DeliveryAttempt {
        let simulatedAt: Int64 = createdAt + Int64(n) * 1_000
        if n == 0 {
            return DeliveryAttempt(at: 1_700_000_000_000, simulatedAt: simulatedAt, status: nil, error: "connection refused",
                                   durationMs: 3, responseExcerpt: nil)
        }
        return DeliveryAttempt(at: 1_700_000_000_000 + Int64(n), simulatedAt: simulatedAt, status: 500, error: nil, durationMs: 3,
                               responseExcerpt: "oops")
    }

    static func journal(_ id: Int64, status: Int = 201) -> JournalEntry {
        JournalEntry(id: id, provider: "ringyo", account: id.isMultiple(of: 2) ? "acme" : nil, method: "POST", path: "/v1/calls",
                     query: "dry=\(id)", headers: [Header("Authorization", "Bearer ***")], body: #"{"to":"+919800000002"}"#,
                     status: status, responseBody: #"{"id":"call_\#(id)"}"#, simulatedAt: 1_000 + id, wallAt: 1_700_000_000_000 + id,
                     durationMs: 0.25)
    }

    /// A whole world: accounts of two providers, calls, deliveries with attempts, journal entries.
    static func snapshot(calls: Int = 2, journal: Int = 3) -> WorldSnapshot {
        let calls = (0..<calls).map { call("call_\($0)", at: 1_000 + Int64($0), seq: UInt64(10 + $0)) }
        let deliveries = calls.enumerated().map { index, call in delivery("whd_\(index)", callID: call.id, attempts: index + 1) }
        return WorldSnapshot(meta: meta(nextJournalID: Int64(journal)), providers: providers, calls: calls, deliveries: deliveries,
                             journal: (0..<Int64(journal)).map { Self.journal($0) })
    }

    private struct SnapshotMirror: Encodable {
        var meta: WorldMeta
        var providers: String
        var calls: [Call]
        var deliveries: [Delivery]
        var journal: [JournalEntry]
    }

    /// A canonical text of a snapshot for equality (`WorldSnapshot` is not `Equatable`); JSON values
    /// compare by their serialisation, so member order counts.
    static func fingerprint(_ snapshot: WorldSnapshot?) -> String? {
        guard let snapshot else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let mirror = SnapshotMirror(meta: snapshot.meta, providers: snapshot.providers.serialized, calls: snapshot.calls,
                                    deliveries: snapshot.deliveries, journal: snapshot.journal)
        return String(decoding: try! encoder.encode(mirror), as: UTF8.self)
    }

    /// A fresh path in a new temporary directory.
    static func temporaryPath() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("telesim-store-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("world.sqlite").path
    }
}
