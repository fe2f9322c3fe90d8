import Logging
import Synchronization

/// One simulated world: owns a `WorldState` behind a lock, moves its clock, and hands webhook
/// attempts to the transport and changes to the store.
///
/// Several worlds live in one process (the root world and each sandbox), each with its own clock,
/// calls, journal and faults.
///
/// A lock (`WorldLock`) rather than an actor: a provider request runs its whole transaction synchronously on the
/// thread that read it (see `ProviderChannelHandler`), with no hop onto another executor. Every
/// transaction is short and never suspends; the clock's advances take the lock step by step and
/// release it while webhooks are in flight, as the actor's reentrancy did.
public final class World: Sendable {
    public let id: String
    /// Whether any fault rule exists, readable without the lock, so requests to a world without
    /// faults skip the fault check entirely.
    private let faultsExist = Atomic<Bool>(false)
    private let guarded: WorldLock<Guarded>
    /// Advances, ticks and replaces run one at a time (see `serialized`).
    private let gate = Mutex<Gate>(Gate())
    let store: any WorldStore
    let transport: any WebhookTransport
    let logger: Logger

    struct Guarded: Sendable {
        var state: WorldState
        /// Wall-clock anchor for realtime mode: (wall ms, simulated ms) when the clock last synced.
        var realtimeAnchor: (wall: Int64, simulated: Int64)?
    }

    struct Gate: Sendable {
        var busy = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    public init(id: String, state: WorldState, store: any WorldStore, transport: any WebhookTransport, logger: Logger) {
        self.id = id
        var state = state
        state.tracksChanges = !store.keepsNothing
        self.guarded = WorldLock(Guarded(state: state), yielding: store.keepsNothing)
        self.store = store
        self.transport = transport
        self.logger = logger
        refreshFaultFlag(state)
    }

    /// Whether a request might meet a fault rule (see `faultsExist`).
    public var hasFaultRules: Bool { faultsExist.load(ordering: .relaxed) }

    /// A copy of the whole state. Prefer `read` when a part will do: a copy held while a
    /// transaction changes the state makes that transaction copy what it changes (with many
    /// calls, the whole calls table).
    public var state: WorldState { guarded.withLock { $0.state } }

    /// Runs `body` on the state atomically and saves what it changed.
    public func transact<T: Sendable>(_ body: (inout WorldState) -> T) -> T {
        guarded.withLock { g in
            let result = body(&g.state)
            save(&g.state)
            return result
        }
    }

    /// Reads from the state without changing it (see `state`).
    public func read<T: Sendable>(_ body: (WorldState) -> T) -> T {
        guarded.withLock { body($0.state) }
    }

    /// Replaces the whole state (scenario load, reset), storing it afresh.
    public func replace(with newState: WorldState) async {
        await serialized {
            guarded.withLock { g in
                g.state = newState
                g.state.tracksChanges = !store.keepsNothing
                _ = g.state.takeChanges()
                g.realtimeAnchor = nil
                store.replace(with: g.state.snapshot)
                refreshFaultFlag(g.state)
            }
        }
    }

    /// Hands pending changes to the store; called with the lock held.
    private func save(_ state: inout WorldState) {
        if !state.tracksChanges {
            state.changes = ChangeTracker()
        } else if let changes = state.takeChanges() {
            store.save(changes)
        }
        refreshFaultFlag(state)
    }

    private func refreshFaultFlag(_ state: WorldState) {
        faultsExist.store(!state.definition.faults.isEmpty || !state.addedFaults.isEmpty, ordering: .relaxed)
    }

    /// Waits until everything saved so far is written.
    public func flush() async {
        guarded.withLock { save(&$0.state) }
        await store.flush()
    }

    // MARK: The clock

    public var now: Int64 { read { $0.now } }
    public var clockMode: ClockMode { read { $0.definition.clock.mode } }

    /// Moves the clock forward by `milliseconds`, running every due status change, timeline entry
    /// and webhook attempt in (instant, insertion) order; returns once all of them have finished.
    public func advance(by milliseconds: Int64) async {
        await serialized { await run(until: now + max(0, milliseconds)) }
    }

    /// Realtime mode: brings the clock up to the wall clock times the speed.
    public func tick(wallNow: Int64) async {
        await serialized {
            let target: Int64? = guarded.withLock { g in
                guard g.state.definition.clock.mode == .realtime else { return nil }
                let anchor = g.realtimeAnchor ?? (wallNow, g.state.now)
                if g.realtimeAnchor == nil { g.realtimeAnchor = anchor }
                // Bounded so that no speed or wall-clock jump can overflow the conversion (10^15 ms is ~31,000 years).
                let elapsed = min(max(0, Double(wallNow - anchor.wall) * g.state.definition.clock.speed), 1e15)
                let target = anchor.simulated + Int64(elapsed)
                return target > g.state.now ? target : nil
            }
            if let target { await run(until: target) }
        }
    }

    typealias Attempt = (id: String, callID: String, request: WebhookRequest)

    /// Runs every instant due up to `target` in (instant, insertion) order: instants under the lock,
    /// each instant's webhook attempts with the lock released (requests go on meanwhile), then
    /// their results.
    private func run(until target: Int64) async {
        while let (instant, attempts) = guarded.withLock(long: true, { g in runInstants(&g.state, notAfter: target) }) {
            guard !attempts.isEmpty else {
                guarded.letWaiterIn()
                continue
            }
            let results = await deliver(attempts)
            guarded.withLock { g in
                for a in attempts {
                    if let result = results[a.id] { g.state.recordAttempt(a.id, result: result, simulatedAt: instant) }
                }
                save(&g.state)
            }
        }
        guarded.withLock { g in
            if target > g.state.now { g.state.now = target }
            g.state.changes.meta = true
            save(&g.state)
        }
    }

    /// Scheduled entries one lock hold may run before it lets requests in, when none of them makes a
    /// webhook attempt due. A realtime clock at speed 1000 under load has thousands of instants per
    /// tick; taking the lock once per instant made the request threads wait on it at every one.
    static let entriesPerHold = 256

    /// Runs due instants, up to `target`, until one makes webhook attempts due or `entriesPerHold`
    /// entries have run; returns the last instant run and its attempts (nil when none was due).
    /// Called with the lock held.
    private func runInstants(_ state: inout WorldState, notAfter target: Int64) -> (Int64, [Attempt])? {
        var last: (Int64, [Attempt])?
        var budget = Self.entriesPerHold
        while budget > 0, let next = state.scheduler.next, next.due <= target {
            let instant = next.due
            state.now = max(state.now, instant)
            var attempts: [Attempt] = []
            while let entry = state.scheduler.popDue(notAfter: instant) {
                budget -= 1
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
            last = (instant, attempts)
            if !attempts.isEmpty { break }
        }
        if last != nil { save(&state) }
        return last
    }

    /// In a sandbox, `${telesim}/_telesim/…` (the built-in sink) means the sandbox's own admin paths.
    func sandboxed(_ url: String) -> String {
        let prefix = "${telesim}/_telesim/"
        guard id != "root", url.hasPrefix(prefix), !url.hasPrefix(prefix + "sandboxes/") else { return url }
        return "${telesim}/_telesim/sandboxes/\(id)/" + url.dropFirst(prefix.count)
    }

    /// Sends the attempts due at one instant: one call's in order, different calls' concurrently.
    private func deliver(_ attempts: [Attempt]) async -> [String: WebhookResult] {
        var byCall: [String: [(String, WebhookRequest)]] = [:]
        var callOrder: [String] = []
        for a in attempts {
            if byCall[a.callID] == nil { callOrder.append(a.callID) }
            byCall[a.callID, default: []].append((a.id, a.request))
        }
        let transport = self.transport
        return await withTaskGroup(of: [(String, WebhookResult)].self) { group in
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
    }

    /// Runs `body` with no other advance, replace or tick in progress (in arrival order).
    private func serialized(_ body: () async -> Void) async {
        let entered = gate.withLock { g in
            if g.busy { return false }
            g.busy = true
            return true
        }
        if !entered {
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                let now = gate.withLock { g in
                    if g.busy { g.waiters.append(waiter); return false }
                    g.busy = true
                    return true
                }
                if now { waiter.resume() }
            }
        }
        await body()
        // Hands the gate straight to the next waiter, if any (it stays busy).
        let next = gate.withLock { g -> CheckedContinuation<Void, Never>? in
            if g.waiters.isEmpty { g.busy = false; return nil }
            return g.waiters.removeFirst()
        }
        next?.resume()
    }
}
