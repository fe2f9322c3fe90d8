import Logging
import ProviderKit
import Synchronization
import TelesimAdmin
import TelesimCore
import TelesimScenario

/// The worlds of one process: the root world and the sandboxes, and which sandbox owns which
/// credential. Provider requests reach the sandbox that owns their credential, else the root.
public final class WorldDirectory: WorldResolver, AdminHost {
    public let root: World
    public let adapters: [any ProviderAdapter]
    let transport: any WebhookTransport
    let logger: Logger
    let limits: WorldLimits
    let clockOverride: (ClockMode?, Double?)

    struct Sandboxes {
        var worlds: [String: World] = [:]
        var owners: [String: String] = [:]
        var nextID = 1
    }

    private let sandboxes = Mutex(Sandboxes())

    init(root: World, adapters: [any ProviderAdapter], transport: any WebhookTransport,
         limits: WorldLimits, clockOverride: (ClockMode?, Double?), logger: Logger) {
        self.root = root
        self.adapters = adapters
        self.transport = transport
        self.limits = limits
        self.clockOverride = clockOverride
        self.logger = logger
    }

    /// The call observers of every adapter, by provider name.
    static func observers(_ adapters: [any ProviderAdapter]) -> [String: any CallObserver] {
        var out: [String: any CallObserver] = [:]
        for adapter in adapters { if let o = adapter.observer { out[adapter.name] = o } }
        return out
    }

    /// A world definition with the command line's clock overrides applied.
    static func applyingOverrides(_ definition: WorldDefinition, _ overrides: (ClockMode?, Double?)) -> WorldDefinition {
        var d = definition
        if let mode = overrides.0 { d.clock.mode = mode }
        if let speed = overrides.1 { d.clock.speed = speed }
        return d
    }

    public func newState(for scenario: Scenario) -> WorldState {
        WorldState(definition: Self.applyingOverrides(scenario.definition, clockOverride), scenarioSource: scenario.source,
                   observers: Self.observers(adapters), limits: limits)
    }

    public func world(forCredential credential: String?) -> World {
        guard let credential else { return root }
        return sandboxes.withLock { s in s.owners[credential].flatMap { s.worlds[$0] } } ?? root
    }

    public func sandbox(_ id: String) -> World? { sandboxes.withLock { $0.worlds[id] } }

    /// Every sandbox, for the realtime ticker.
    var allWorlds: [World] { [root] + sandboxes.withLock { Array($0.worlds.values) } }

    public func createSandbox(_ scenario: Scenario) async throws(AdminError) -> String {
        let state = newState(for: scenario)
        let credentials = state.allCredentials
        let world: World? = sandboxes.withLock { s -> World? in
            if credentials.contains(where: { s.owners[$0] != nil }) { return nil }
            let id = "sb\(s.nextID)"
            s.nextID += 1
            // Sandboxes live in memory only, with or without --db.
            let world = World(id: id, state: state, store: DiscardingStore(), transport: transport, logger: logger)
            s.worlds[id] = world
            for c in credentials { s.owners[c] = id }
            return world
        }
        guard let world else {
            let clash = sandboxes.withLock { s in credentials.first { s.owners[$0] != nil } } ?? ""
            throw .conflict("credential \(Redaction.secret(clash)) is already owned by sandbox \(sandboxes.withLock { $0.owners[clash] } ?? "?")")
        }
        await world.replace(with: state)
        logger.info("sandbox created", metadata: ["sandbox": "\(world.id)", "scenario": "\(scenario.name)"])
        return world.id
    }

    public func deleteSandbox(_ id: String) async -> Bool {
        let removed = sandboxes.withLock { s -> World? in
            guard let world = s.worlds.removeValue(forKey: id) else { return nil }
            s.owners = s.owners.filter { $0.value != id }
            return world
        }
        guard let removed else { return false }
        await removed.flush()
        logger.info("sandbox deleted", metadata: ["sandbox": "\(id)"])
        return true
    }

    public func credentialsChanged(in world: World) async throws(AdminError) {
        guard world !== root else { return }
        let credentials = world.read { $0.allCredentials }
        let clash: String? = sandboxes.withLock { s in
            if let c = credentials.first(where: { s.owners[$0] != nil && s.owners[$0] != world.id }) { return c }
            s.owners = s.owners.filter { $0.value != world.id }
            for c in credentials { s.owners[c] = world.id }
            return nil
        }
        if let clash { throw .conflict("credential \(Redaction.secret(clash)) is already owned by another sandbox") }
    }
}
