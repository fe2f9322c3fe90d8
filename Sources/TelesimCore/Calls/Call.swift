/// One event on a call's timeline, at a simulated instant.
public struct CallEvent: Sendable, Codable, Equatable {
    public var seq: Int
    public var at: Int64
    public var kind: CallEventKind
    public var leg: Int?
    /// The call's status after the event.
    public var status: CallStatus
}

/// Money a call holds while it runs and what it finally cost.
public struct Billing: Sendable, Codable, Equatable {
    /// The address of the balance it draws on, e.g. `ringyo/acme/credits`.
    public var balance: String
    public var pricePerMinute: Int64
    public var held: Int64
    /// Set when the call ends: started minutes of connected time x price.
    public var cost: Int64?
}

/// A call in a world: its state machine, timeline, money and the provider's own request fields.
public struct Call: Sendable, Codable {
    /// The id its provider's API returned.
    public var id: String
    /// The provider name (`ringyo`, `edesy-agents`, …).
    public var provider: String
    /// The account id within its provider (workspace, cluster, sid, account).
    public var account: String
    public var machine: CallMachine
    public var timeline: [CallEvent] = []
    public var billing: Billing?
    /// The agent entity this call keeps busy until it ends (`exotel/acme/users/agent-uuid`).
    public var occupies: String?
    /// The one input waiting on the scheduler, with its sequence number.
    public var pending: Scheduler.Entry?
    /// The provider's own fields (request body parts, generated sids…), rendered by its adapter.
    public var attributes: JSON
    /// Other names its provider finds the call by (Ringyo's idempotency key), indexed by the world
    /// (`WorldState.call(alias:)`). Optional so that calls stored without it still load.
    public var aliases: [String]?

    public init(id: String, provider: String, account: String, machine: CallMachine, attributes: JSON = .object([])) {
        self.id = id
        self.provider = provider
        self.account = account
        self.machine = machine
        self.attributes = attributes
    }

    public var status: CallStatus { machine.status }
    public var legs: [Leg] { machine.legs }
    public var createdAt: Int64 { machine.createdAt }
    public var isActive: Bool { !machine.status.isFinal }
}

/// Everything a provider needs to open a call in a world (see `WorldState.createCall`).
public struct CallSpec: Sendable {
    public var id: String
    public var provider: String
    public var account: String
    public var legs: [Leg]
    public var ringTimeout: Int64
    public var maxDuration: Int64?
    /// The balance to hold one minute of `pricePerMinute` on, if the provider charges.
    public var balance: Address?
    public var pricePerMinute: Int64
    public var occupies: String?
    public var attributes: JSON
    /// Names the provider finds the call by besides its id (see `Call.aliases`).
    public var aliases: [String]

    public init(id: String, provider: String, account: String, legs: [Leg], ringTimeout: Int64 = 30_000, maxDuration: Int64? = nil,
                balance: Address? = nil, pricePerMinute: Int64 = 0, occupies: String? = nil, attributes: JSON = .object([]),
                aliases: [String] = []) {
        self.id = id
        self.provider = provider
        self.account = account
        self.legs = legs
        self.ringTimeout = ringTimeout
        self.maxDuration = maxDuration
        self.balance = balance
        self.pricePerMinute = pricePerMinute
        self.occupies = occupies
        self.attributes = attributes
        self.aliases = aliases
    }
}

/// What the core refuses, before any provider renders it.
public enum CoreError: Error, Sendable, Equatable {
    /// The balance, less what running calls hold, does not cover one minute.
    case insufficientFunds(available: Int64, needed: Int64)
    /// The agent is already on a call.
    case agentBusy(callID: String)
    case duplicateCallID(String)
}
