import Testing
@testable import TelesimCore

/// Holds and debits: a call holds one minute while it runs; at the end the hold is released and
/// started minutes of connected time are debited.
@Suite struct MoneyTests {
    /// A world with one Ringyo account holding `credits` (minor units) at `price` per minute.
    static func world(credits: Int64, price: Int64, talk: Int64 = 30_000) -> WorldState {
        let providers = JSON.obj(["ringyo": .obj(["accounts": .array([.obj([
            "id": "acme", "api_keys": ["k"], "credits": .int(credits), "price_per_minute": .int(price),
            "numbers": ["+18005551234"], "ring_timeout": 30_000, "agents": .array([]),
        ])])])])
        let definition = WorldDefinition(name: "t", network: Network(defaultBehaviour: Behaviour(outcome: .answered, ring: 3000, talk: talk)),
                                         providers: providers)
        return WorldState(definition: definition, scenarioSource: "", observers: [:])
    }

    static func spec(_ id: String, price: Int64) -> CallSpec {
        CallSpec(id: id, provider: "ringyo", account: "acme",
                 legs: [Leg(role: "customer", number: "+14155550100", behaviour: Behaviour(outcome: .answered, ring: 3000, talk: 90_000))],
                 balance: Address("ringyo/acme/credits"), pricePerMinute: price)
    }

    static func run(_ state: inout WorldState, until: Int64) {
        while let next = state.scheduler.next, next.due <= until {
            let e = state.scheduler.popDue(notAfter: until)!
            state.now = e.due
            if case .call(let id, let input) = e.item { state.runCall(id, input, seq: e.seq) }
        }
    }

    @Test func atMostFloorOfBalanceOverPriceCallsRunAtOnce() throws {
        // 1.00 at 0.30 a minute: three calls, not four.
        var state = Self.world(credits: 100, price: 30)
        for i in 0..<3 { _ = try state.createCall(Self.spec("c\(i)", price: 30)) }
        #expect(throws: CoreError.insufficientFunds(available: 10, needed: 30)) { try state.createCall(Self.spec("c3", price: 30)) }
        #expect(state.available(Address("ringyo/acme/credits")!) == 10)
    }

    @Test func theEndDebitsStartedMinutesAndReleasesTheHold() throws {
        var state = Self.world(credits: 1000, price: 10)
        let call = try state.createCall(Self.spec("c1", price: 10))
        #expect(call.billing?.held == 10)
        Self.run(&state, until: state.now + 600_000)
        let ended = try #require(state.call("c1"))
        #expect(ended.status == .completed)
        // 90 s of talk = 2 started minutes = 0.20.
        #expect(ended.billing?.cost == 20)
        #expect(ended.billing?.held == 0)
        #expect(try state.value(at: Address("ringyo/acme/credits")!).0 == .int(980))
        #expect(state.available(Address("ringyo/acme/credits")!) == 980)
    }

    @Test func aCallThatNeverConnectsCostsNothing() throws {
        var state = Self.world(credits: 1000, price: 10)
        var spec = Self.spec("c1", price: 10)
        spec.legs[0].behaviour.outcome = .busy
        _ = try state.createCall(spec)
        Self.run(&state, until: state.now + 600_000)
        #expect(state.call("c1")?.billing?.cost == 0)
        #expect(try state.value(at: Address("ringyo/acme/credits")!).0 == .int(1000))
    }

    @Test func anAgentOnACallCannotTakeAnother() throws {
        var state = Self.world(credits: 1000, price: 0)
        var a = Self.spec("a", price: 0)
        a.occupies = "exotel/x/users/u"
        _ = try state.createCall(a)
        var b = Self.spec("b", price: 0)
        b.occupies = "exotel/x/users/u"
        #expect(throws: CoreError.agentBusy(callID: "a")) { try state.createCall(b) }
        Self.run(&state, until: state.now + 600_000)
        #expect(state.occupant(of: "exotel/x/users/u") == nil)
        _ = try state.createCall(b)
    }

    @Test(arguments: [("500", Int64(50_000)), ("1.2", 120), ("487.32", 48_732), ("0.05", 5), ("-3.10", -310)])
    func decimalsParseExactly(text: String, minor: Int64) {
        #expect(Money.parse(text) == minor)
        #expect(Money.parse(Money.format(minor)) == minor)
    }

    @Test(arguments: ["1.234", "abc", "", "1.", ".5", "1e3"])
    func malformedAmountsAreRefused(text: String) {
        #expect(Money.parse(text) == nil)
    }
}
