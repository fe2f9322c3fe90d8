import TelesimCore

/// Hand-written row JSON for the two rows every create writes: its call and its journal entry.
///
/// Byte for byte what `RowEncoder` makes of the synthesized `Codable` conformances (members in
/// declaration order, nil optionals left out, enums by raw value, `JSON` as its serialisation, enums
/// with payloads as `{"case":{"label":…}}`), so `JSONDecoder` reads them back as before. Going
/// through `Encodable` costs a generic dispatch per nested value, ~20 µs of a Ringyo create's
/// ~220 µs of CPU; this costs a few.
///
/// A second description of these types, kept honest by `RowWritersTests`: it compares both
/// encoders' bytes for every case of every enum involved, and checks by reflection that each type
/// still has exactly the properties written here (a property added to `Call` fails it until this
/// file writes it too).
extension RowEncoder {
    static func encode(_ call: Call) -> String {
        let sink = RowSink()
        sink.call(call)
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    static func encode(_ entry: JournalEntry) -> String {
        let sink = RowSink()
        sink.journalEntry(entry)
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}

/// The property names each hand-written type's writer covers, in order (see `RowWritersTests`).
enum RowWriterFields {
    static let call = ["id", "provider", "account", "machine", "timeline", "billing", "occupies", "pending", "attributes", "aliases"]
    static let machine = ["legs", "ringTimeout", "maxDuration", "status", "createdAt", "connectedAt", "endedAt", "endReason"]
    static let leg = ["role", "number", "behaviour", "status", "ringingAt", "answeredAt", "endedAt", "cause"]
    static let behaviour = ["outcome", "ring", "talk", "cause", "transcript"]
    static let transcriptLine = ["speaker", "text"]
    static let event = ["seq", "at", "kind", "leg", "status"]
    static let billing = ["balance", "pricePerMinute", "held", "cost"]
    static let entry = ["due", "seq", "item"]
    static let journal = ["id", "provider", "account", "method", "path", "query", "headers", "body", "status", "responseBody",
                          "simulatedAt", "wallAt", "durationMs"]
    static let header = ["name", "value"]
}

/// One JSON object being written: members are separated as they come, nil optionals skipped.
struct RowObject {
    let sink: RowSink
    private var empty = true

    init(_ sink: RowSink) {
        self.sink = sink
        sink.bytes.append(UInt8(ascii: "{"))
    }

    /// Starts a member: its name (plain ASCII, never escaped) and the colon.
    mutating func key(_ name: StaticString) {
        if !empty { sink.bytes.append(UInt8(ascii: ",")) }
        empty = false
        sink.bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { sink.bytes.append(contentsOf: $0) }
        sink.bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    mutating func string(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        sink.string(value)
    }

    mutating func int<I: BinaryInteger>(_ name: StaticString, _ value: I?) {
        guard let value else { return }
        key(name)
        sink.integer(value)
    }

    mutating func array<T>(_ name: StaticString, _ items: [T]?, _ write: (RowSink, T) -> Void) {
        guard let items else { return }
        key(name)
        sink.bytes.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { sink.bytes.append(UInt8(ascii: ",")) }
            write(sink, item)
        }
        sink.bytes.append(UInt8(ascii: "]"))
    }

    mutating func object<T>(_ name: StaticString, _ value: T?, _ write: (RowSink, T) -> Void) {
        guard let value else { return }
        key(name)
        write(sink, value)
    }

    func end() { sink.bytes.append(UInt8(ascii: "}")) }
}

extension RowSink {
    func call(_ c: Call) {
        var o = RowObject(self)
        o.string("id", c.id)
        o.string("provider", c.provider)
        o.string("account", c.account)
        o.object("machine", c.machine) { $0.machine($1) }
        o.array("timeline", c.timeline) { $0.event($1) }
        o.object("billing", c.billing) { $0.billing($1) }
        o.string("occupies", c.occupies)
        o.object("pending", c.pending) { $0.entry($1) }
        o.string("attributes", c.attributes.serialized)
        o.array("aliases", c.aliases) { $0.string($1) }
        o.end()
    }

    func machine(_ m: CallMachine) {
        var o = RowObject(self)
        o.array("legs", m.legs) { $0.leg($1) }
        o.int("ringTimeout", m.ringTimeout)
        o.int("maxDuration", m.maxDuration)
        o.string("status", m.status.rawValue)
        o.int("createdAt", m.createdAt)
        o.int("connectedAt", m.connectedAt)
        o.int("endedAt", m.endedAt)
        o.string("endReason", m.endReason?.rawValue)
        o.end()
    }

    func leg(_ l: Leg) {
        var o = RowObject(self)
        o.string("role", l.role)
        o.string("number", l.number)
        o.object("behaviour", l.behaviour) { $0.behaviour($1) }
        o.string("status", l.status.rawValue)
        o.int("ringingAt", l.ringingAt)
        o.int("answeredAt", l.answeredAt)
        o.int("endedAt", l.endedAt)
        o.string("cause", l.cause)
        o.end()
    }

    func behaviour(_ b: Behaviour) {
        var o = RowObject(self)
        o.string("outcome", b.outcome.rawValue)
        o.int("ring", b.ring)
        o.int("talk", b.talk)
        o.string("cause", b.cause)
        o.array("transcript", b.transcript) { sink, line in
            var t = RowObject(sink)
            t.string("speaker", line.speaker)
            t.string("text", line.text)
            t.end()
        }
        o.end()
    }

    func event(_ e: CallEvent) {
        var o = RowObject(self)
        o.int("seq", e.seq)
        o.int("at", e.at)
        o.string("kind", e.kind.rawValue)
        o.int("leg", e.leg)
        o.string("status", e.status.rawValue)
        o.end()
    }

    func billing(_ b: Billing) {
        var o = RowObject(self)
        o.string("balance", b.balance)
        o.int("pricePerMinute", b.pricePerMinute)
        o.int("held", b.held)
        o.int("cost", b.cost)
        o.end()
    }

    func entry(_ e: Scheduler.Entry) {
        var o = RowObject(self)
        o.int("due", e.due)
        o.int("seq", e.seq)
        o.key("item")
        var item = RowObject(self)
        switch e.item {
        case .call(let id, let input):
            item.key("call")
            var payload = RowObject(self)
            payload.string("id", id)
            payload.key("_1")
            callInput(input)
            payload.end()
        case .timeline(let index):
            item.key("timeline")
            var payload = RowObject(self)
            payload.int("index", index)
            payload.end()
        case .webhook(let deliveryID):
            item.key("webhook")
            var payload = RowObject(self)
            payload.string("deliveryID", deliveryID)
            payload.end()
        }
        item.end()
        o.end()
    }

    func callInput(_ input: CallInput) {
        var o = RowObject(self)
        switch input {
        case .dial(let leg), .ringEnded(let leg):
            if case .dial = input { o.key("dial") } else { o.key("ringEnded") }
            var payload = RowObject(self)
            payload.int("leg", leg)
            payload.end()
        case .hangup:
            o.key("hangup")
            RowObject(self).end()
        case .maxDuration:
            o.key("maxDuration")
            RowObject(self).end()
        case .cancel:
            o.key("cancel")
            RowObject(self).end()
        }
        o.end()
    }

    func journalEntry(_ e: JournalEntry) {
        var o = RowObject(self)
        o.int("id", e.id)
        o.string("provider", e.provider)
        o.string("account", e.account)
        o.string("method", e.method)
        o.string("path", e.path)
        o.string("query", e.query)
        o.array("headers", e.headers) { sink, header in
            var h = RowObject(sink)
            h.string("name", header.name)
            h.string("value", header.value)
            h.end()
        }
        o.string("body", e.body)
        o.int("status", e.status)
        o.string("responseBody", e.responseBody)
        o.int("simulatedAt", e.simulatedAt)
        o.int("wallAt", e.wallAt)
        // A journal entry's duration is measured, so always finite; JSON has no form for the rest.
        o.key("durationMs")
        bytes.append(contentsOf: (e.durationMs.isFinite ? e.durationMs : 0).description.utf8)
        o.end()
    }
}
