import Logging
import Synchronization

/// One simulated world: the actor that owns a `WorldState`, moves its clock, and hands webhook
/// attempts to the transport and changes to the store.
///
/// Several worlds live in one process (the root world and each sandbox), each with its own clock,
/// calls, journal and faults.
public actor World {
    public nonisolated let id: String
    /// Whether any fault rule exists, readable without a hop onto the actor, so requests to a world
    /// without faults skip the fault check entirely.
    private nonisolated let faultsExist = Atomic<Bool>(false)
    public private(set) var state: WorldState
    let store: any WorldStore
    let transport: any WebhookTransport
    let logger: Logger
    /// Advances run one at a time; a second waits for the first (see `serialized`).
    private var advancing = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// Wall-clock anchor for realtime mode: (wall ms, simulated ms) when the clock last synced.
    private var realtimeAnchor: (wall: Int64, simulated: Int64)?

    public init(id: String, state: WorldState, store: any WorldStore, transport: any WebhookTransport, logger: Logger) {
        self.id = id
        self.state = state
        self.store = store
        self.transport = transport
        self.logger = logger
        faultsExist.store(!state.definition.faults.isEmpty || !state.addedFaults.isEmpty, ordering: .relaxed)
    }

    /// Whether a request might meet a fault rule (see `faultsExist`).
    public nonisolated var hasFaultRules: Bool { faultsExist.load(ordering: .relaxed) }

    private func refreshFaultFlag() {
        faultsExist.store(!state.definition.faults.isEmpty || !state.addedFaults.isEmpty, ordering: .relaxed)
    }

    /// Runs `body` on the state atomically and saves what it changed.
    public func transact<T: Sendable>(_ body: @Sendable (inout WorldState) throws -> T) rethrows -> T {
        defer {
            save()
            refreshFaultFlag()
        }
        return try body(&state)
    }

    /// Reads from the state without changing it. Prefer this to `state` when a part will do: a copy
    /// of the whole state held outside the actor makes the next transaction copy what it changes
    /// (with many calls, the whole calls table).
    public func read<T: Sendable>(_ body: @Sendable (WorldState) -> T) -> T {
        body(state)
    }

    /// Replaces the whole state (scenario load, reset), storing it afresh.
    public func replace(with newState: WorldState) async {
        await serialized {
            state = newState
            refreshFaultFlag()
            _ = state.takeChanges()
            realtimeAnchor = nil
            store.replace(with: state.snapshot)
        }
    }

    /// Saves pending changes.
    func save() {
        if let changes = state.takeChanges() { store.save(changes) }
    }

    /// Waits until everything saved so far is written.
    public func flush() async {
        save()
        await store.flush()
    }

    // MARK: The clock

    public var now: Int64 { state.now }
    public var clockMode: ClockMode { state.definition.clock.mode }

    /// Moves the clock forward by `milliseconds`, running every due status change, timeline entry
    /// and webhook attempt in (instant, insertion) order; returns once all of them have finished.
    public func advance(by milliseconds: Int64) async {
        await serialized { await run(until: state.now + max(0, milliseconds)) }
    }

    /// Realtime mode: brings the clock up to the wall clock times the speed.
    public func tick(wallNow: Int64) async {
        await serialized {
            guard state.definition.clock.mode == .realtime else { return }
            let anchor = realtimeAnchor ?? (wallNow, state.now)
            if realtimeAnchor == nil { realtimeAnchor = anchor }
            // Bounded so that no speed or wall-clock jump can overflow the conversion (10^15 ms is ~31,000 years).
            let elapsed = min(max(0, Double(wallNow - anchor.wall) * state.definition.clock.speed), 1e15)
            let target = anchor.simulated + Int64(elapsed)
            if target > state.now { await run(until: target) }
        }
    }

    private func run(until target: Int64) async {
        while let next = state.scheduler.next, next.due <= target {
            let instant = next.due
            state.now = max(state.now, instant)
            var attempts: [(id: String, callID: String, request: WebhookRequest)] = []
            while let entry = state.scheduler.popDue(notAfter: instant) {
                switch entry.item {
                case .call(let id, let input):
                    state.runCall(id, input, seq: entry.seq)
                case .timeline(let index):
                    for problem in state.applyTimeline(index) {
                        logger.warning("timeline entry skipped", metadata: ["world": "\(id)", "problem": "\(problem)"])
                    }
                case .webhook(let deliveryID):
                    if var request = state.attemptRequest(deliveryID, seq: entry.seq), let d = state.deliveries[deliveryID] {
                        state.deliveries[deliveryID]?.pending = nil
                        request.url = sandboxed(request.url)
                        attempts.append((deliveryID, d.callID, request))
                    }
                }
            }
            if !attempts.isEmpty { await deliver(attempts, at: instant) }
            save()
        }
        if target > state.now { state.now = target }
        state.changes.meta = true
        save()
    }

    /// In a sandbox, `${telesim}/_telesim/…` (the built-in sink) means the sandbox's own admin paths.
    func sandboxed(_ url: String) -> String {
        let prefix = "${telesim}/_telesim/"
        guard id != "root", url.hasPrefix(prefix), !url.hasPrefix(prefix + "sandboxes/") else { return url }
        return "${telesim}/_telesim/sandboxes/\(id)/" + url.dropFirst(prefix.count)
    }

    /// Sends the attempts due at one instant: one call's in order, different calls' concurrently.
    private func deliver(_ attempts: [(id: String, callID: String, request: WebhookRequest)], at instant: Int64) async {
        var byCall: [String: [(String, WebhookRequest)]] = [:]
        var callOrder: [String] = []
        for a in attempts {
            if byCall[a.callID] == nil { callOrder.append(a.callID) }
            byCall[a.callID, default: []].append((a.id, a.request))
        }
        let transport = self.transport
        let results = await withTaskGroup(of: [(String, WebhookResult)].self) { group in
            for callID in callOrder {
                let queue = byCall[callID]!
                group.addTask {
                    var out: [(String, WebhookResult)] = []
                    for (id, request) in queue { out.append((id, await transport.send(request))) }
                    return out
                }
            }
            var all: [String: WebhookResult] = [:]
            for await batch in group { for (id, result) in batch { all[id] = result } }
            return all
        }
        for a in attempts {
            if let result = results[a.id] { state.recordAttempt(a.id, result: result, simulatedAt: instant) }
        }
    }

    /// Runs `body` with no other advance, replace or tick in progress.
    private func serialized(_ body: () async -> Void) async {
        while advancing {
            await withCheckedContinuation { waiters.append($0) }
        }
        advancing = true
        await body()
        advancing = false
        if !waiters.isEmpty { waiters.removeFirst().resume() }
    }
}
