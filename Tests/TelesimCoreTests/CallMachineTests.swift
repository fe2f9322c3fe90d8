import Testing
@testable import TelesimCore

/// The call state machine, without I/O: inputs in, actions out.
@Suite struct CallMachineTests {
    static let t0: Int64 = 1_000_000

    static func leg(_ outcome: Outcome, role: String = "customer", ring: Int64 = 3000, talk: Int64 = 30_000) -> Leg {
        Leg(role: role, number: "+14155550100", behaviour: Behaviour(outcome: outcome, ring: ring, talk: talk))
    }

    /// Drives a machine to its end, following its own schedule; returns the recorded event kinds with instants.
    static func run(_ machine: inout CallMachine) -> [(Int64, CallEventKind, Int?)] {
        var events: [(Int64, CallEventKind, Int?)] = []
        var pending: (CallInput, Int64)?
        func apply(_ actions: [CallAction], at now: Int64) {
            for action in actions {
                switch action {
                case .schedule(let input, let at): pending = (input, at)
                case .record(let kind, let leg): events.append((now, kind, leg))
                case .settle: pending = nil
                }
            }
        }
        apply(machine.start(), at: machine.createdAt)
        var guardCount = 0
        while let (input, at) = pending, guardCount < 20 {
            pending = nil
            apply(machine.handle(input, at: at), at: at)
            guardCount += 1
        }
        return events
    }

    @Test func oneLegAnsweredRingsThenTalksThenCompletes() {
        var m = CallMachine(legs: [Self.leg(.answered)], ringTimeout: 30_000, maxDuration: nil, createdAt: Self.t0)
        let events = Self.run(&m)
        #expect(events.map(\.1) == [.created, .ringing, .answered, .connected, .ended])
        #expect(events.map(\.0) == [Self.t0, Self.t0 + 1000, Self.t0 + 4000, Self.t0 + 4000, Self.t0 + 34_000])
        #expect(m.status == .completed)
        #expect(m.endReason == .hangup)
        #expect(m.legs[0].status == .completed)
        #expect(m.talkTime(now: 0) == 30_000)
    }

    @Test(arguments: [
        (Outcome.busy, CallStatus.busy, LegStatus.busy, Int64(4000), "busy"),
        (.noAnswer, .noAnswer, .noAnswer, 31_000, "no_answer"),
        (.failed, .failed, .failed, 4000, "unreachable"),
    ])
    func oneLegThatDoesNotConnect(outcome: Outcome, status: CallStatus, legStatus: LegStatus, endsAfter: Int64, cause: String) {
        var m = CallMachine(legs: [Self.leg(outcome)], ringTimeout: 30_000, maxDuration: nil, createdAt: Self.t0)
        let events = Self.run(&m)
        #expect(m.status == status)
        #expect(m.legs[0].status == legStatus)
        #expect(m.legs[0].cause == cause)
        #expect(m.endedAt == Self.t0 + endsAfter)
        #expect(m.connectedAt == nil)
        #expect(m.talkTime(now: Self.t0 + 100_000) == 0)
        #expect(events.last?.1 == .ended)
    }

    @Test func answeringAfterTheRingTimeoutIsNoAnswer() {
        var m = CallMachine(legs: [Self.leg(.answered, ring: 45_000)], ringTimeout: 30_000, maxDuration: nil, createdAt: Self.t0)
        _ = Self.run(&m)
        #expect(m.status == .noAnswer)
        #expect(m.endedAt == Self.t0 + 31_000)
    }

    @Test func maximumDurationCutsTheCallFromConnect() {
        var m = CallMachine(legs: [Self.leg(.answered, talk: 600_000)], ringTimeout: 30_000, maxDuration: 60_000, createdAt: Self.t0)
        _ = Self.run(&m)
        #expect(m.status == .completed)
        #expect(m.endReason == .maxDuration)
        #expect(m.talkTime(now: 0) == 60_000)
        #expect(m.legs[0].cause == "max_duration")
    }

    @Test func twoLegsRingTheAgentFirstThenTheCustomer() {
        var m = CallMachine(legs: [Self.leg(.answered, role: "agent", ring: 2000, talk: 0), Self.leg(.answered, ring: 3000, talk: 30_000)],
                            ringTimeout: 30_000, maxDuration: nil, createdAt: Self.t0)
        let events = Self.run(&m)
        #expect(events.map(\.1) == [.created, .ringing, .answered, .ringing, .answered, .connected, .ended])
        #expect(events.map(\.2) == [nil, 0, 0, 1, 1, nil, nil])
        // agent rings at +1s, answers at +3s; customer rings at +4s, answers at +7s; talks 30s.
        #expect(events.map(\.0) == [Self.t0, Self.t0 + 1000, Self.t0 + 3000, Self.t0 + 4000, Self.t0 + 7000, Self.t0 + 7000, Self.t0 + 37_000])
        #expect(m.legs.map(\.status) == [.completed, .completed])
    }

    @Test func whenTheAgentDoesNotAnswerTheCustomerIsNeverDialled() {
        var m = CallMachine(legs: [Self.leg(.answered, role: "agent", ring: 40_000, talk: 0), Self.leg(.answered)],
                            ringTimeout: 30_000, maxDuration: nil, createdAt: Self.t0)
        let events = Self.run(&m)
        #expect(m.status == .noAnswer)
        #expect(m.legs[0].status == .noAnswer)
        #expect(m.legs[1].status == .canceled)
        #expect(!events.contains { $0.1 == .ringing && $0.2 == 1 })
    }

    @Test func aBusyCustomerEndsTheCallAndTheAgentLegCompletes() {
        var m = CallMachine(legs: [Self.leg(.answered, role: "agent", ring: 2000, talk: 0), Self.leg(.busy)],
                            ringTimeout: 30_000, maxDuration: nil, createdAt: Self.t0)
        _ = Self.run(&m)
        #expect(m.status == .busy)
        #expect(m.legs.map(\.status) == [.completed, .busy])
    }

    @Test func cancelWhileRingingCancelsTheLeg() {
        var m = CallMachine(legs: [Self.leg(.answered)], ringTimeout: 30_000, maxDuration: nil, createdAt: Self.t0)
        _ = m.start()
        _ = m.handle(.dial(leg: 0), at: Self.t0 + 1000)
        let actions = m.handle(.cancel, at: Self.t0 + 2000)
        #expect(actions.contains(.record(.canceled, leg: 0)))
        #expect(actions.last == .settle)
        #expect(m.status == .canceled)
        // A finished call ignores further inputs.
        #expect(m.handle(.ringEnded(leg: 0), at: Self.t0 + 4000).isEmpty)
    }
}
