import Foundation
import TelesimCore
import Testing
@testable import TelesimStore

/// The hand-written writers for calls and journal entries must write exactly what the `Codable`
/// path (`RowEncoder` over the synthesized conformances) writes, for every shape a row can take,
/// and must cover every stored property of the types they write.
@Suite struct RowWritersTests {
    typealias F = Fixtures

    func codable(_ value: some Encodable) throws -> String { try RowEncoder.encode(value) }

    /// Calls in every shape: each leg and call status, end reason, pending input and scheduled
    /// item, with and without every optional, and with text that needs escaping.
    static var calls: [Call] {
        var out: [Call] = [F.call("call_1")]
        let inputs: [CallInput] = [.dial(leg: 0), .ringEnded(leg: 1), .hangup, .maxDuration, .cancel]
        let items: [ScheduledItem] = inputs.map { .call(id: "call_x", $0) } + [.timeline(index: 3), .webhook(deliveryID: "whd_\"1\"")]
        for (n, item) in items.enumerated() {
            var call = F.call("call_\(n)")
            call.pending = F.entry(item, at: 5_000 + Int64(n), seq: UInt64(n))
            out.append(call)
        }
        // Everything optional left out, and everything set.
        var bare = F.call("call_bare")
        bare.billing = nil
        bare.pending = nil
        bare.aliases = nil
        bare.occupies = nil
        bare.timeline = []
        bare.attributes = .object([])
        bare.machine = CallMachine(legs: [Leg(role: "customer", number: "+14155550100", behaviour: Behaviour())], ringTimeout: 30_000,
                                   maxDuration: nil, createdAt: 0)
        out.append(bare)
        let reasons: [EndReason] = [.hangup, .maxDuration, .legNotConnected, .canceled]
        let legStatuses: [LegStatus] = [.queued, .ringing, .answered, .completed, .busy, .noAnswer, .failed, .canceled]
        let callStatuses = CallStatus.allCases
        for (n, status) in legStatuses.enumerated() {
            var call = F.call("call_full_\(n)")
            call.occupies = "exotel/acme/users/\"agent\"\n"
            call.billing?.cost = Int64(n) * 7
            call.machine.legs[0].status = status
            call.machine.legs[0].ringingAt = 1_100
            call.machine.legs[0].answeredAt = 1_200
            call.machine.legs[0].endedAt = 1_300
            call.machine.legs[0].cause = "unreachable"
            call.machine.legs[1].behaviour = Behaviour(outcome: Outcome.allCases[n % Outcome.allCases.count], ring: 10, talk: 20, cause: "why",
                                                       transcript: [TranscriptLine(speaker: "agent", text: "Héllo \u{1F600} \"there\"\\"),
                                                                    TranscriptLine(speaker: "user", text: "")])
            call.machine.status = callStatuses[n % callStatuses.count]
            call.machine.connectedAt = 1_200
            call.machine.endedAt = 9_000
            call.machine.endReason = reasons[n % reasons.count]
            var ended = call.timeline[1], connected = call.timeline[1]
            (ended.seq, ended.at, ended.kind, ended.leg, ended.status) = (2, 9_000, .ended, nil, .completed)
            (connected.seq, connected.kind, connected.leg, connected.status) = (3, .connected, 1, .answered)
            call.timeline += [ended, connected]
            call.aliases = []
            out.append(call)
        }
        return out
    }

    @Test func callsAreWrittenExactlyAsCodableWritesThem() throws {
        for call in Self.calls {
            #expect(RowEncoder.encode(call) == (try codable(call)))
        }
        // And read back by the loader's decoder into the same call.
        for call in Self.calls {
            let back = try JSONDecoder().decode(Call.self, from: Data(RowEncoder.encode(call).utf8))
            #expect(RowEncoder.encode(back) == RowEncoder.encode(call))
        }
    }

    @Test func journalEntriesAreWrittenExactlyAsCodableWritesThem() throws {
        var entries = (0..<3).map { F.journal(Int64($0)) }
        var odd = F.journal(9, status: 0)
        odd.headers = []
        odd.body = "line\nbreak \u{0001} \"quoted\" — ünïcode"
        odd.durationMs = 1234.5678
        entries.append(odd)
        var whole = F.journal(10)
        whole.durationMs = 3
        entries.append(whole)
        for entry in entries {
            #expect(RowEncoder.encode(entry) == (try codable(entry)))
        }
    }

    /// A stored property added to one of these types must be added to its writer too.
    @Test func theWritersCoverEveryStoredProperty() throws {
        func labels(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label) }
        let call = try #require(Self.calls.last)
        #expect(labels(call) == RowWriterFields.call)
        #expect(labels(call.machine) == RowWriterFields.machine)
        #expect(labels(call.machine.legs[0]) == RowWriterFields.leg)
        #expect(labels(call.machine.legs[1].behaviour) == RowWriterFields.behaviour)
        #expect(labels(call.machine.legs[1].behaviour.transcript[0]) == RowWriterFields.transcriptLine)
        #expect(labels(call.timeline[0]) == RowWriterFields.event)
        #expect(labels(try #require(call.billing)) == RowWriterFields.billing)
        #expect(labels(try #require(call.pending)) == RowWriterFields.entry)
        let entry = F.journal(1)
        #expect(labels(entry) == RowWriterFields.journal)
        #expect(labels(entry.headers[0]) == RowWriterFields.header)
    }
}
