import Logging
import Synchronization

/// One simulated world: owns a `WorldState` (behind a lock; see `transact`), moves its clock, and
/// hands webhook attempts to the transport and changes to the store. It is an actor for what
/// awaits: advances, ticks and replacements run one at a time.
///
/// Several worlds live in one process (the root world and each sandbox), each with its own clock,
/// calls, journal and faults.
public actor World {
    public nonisolated let id: String
    /// Whether any fault rule exists, readable without taking the lock, so requests to a world
    /// without faults skip the fault check entirely.
    private nonisolated let faultsExist = Atomic<Bool>(false)
    /// The state, behind a lock rather than the actor: a transaction is a few microseconds of
    /// synchronous work, and taking a lock on the request's own thread costs far less than hopping
    /// onto an actor and back (which, with many connections, means queueing behind it). The actor
    /// still serialises what awaits: advances, ticks and replacements (see `serialized`).
    private nonisolated let locked: Mutex<WorldState>
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
        self.locked = Mutex(state)
        self.store = store
        self.transport = transport
        self.logger = logger
        faultsExist.store(!state.definition.faults.isEmpty || !state.addedFaults.isEmpty, ordering: .relaxed)
    }

    /// A copy of the whole state, as of now. To read a part, prefer `read`: a copy held while
    /// requests change the world makes their next change copy what they touch.
    public nonisolated var state: WorldState { locked.withLock { $0 } }

    /// Reads from the state under the lock, changing nothing.
    public nonisolated func read<T: Sendable>(_ body: (borrowing WorldState) -> T) -> T {
        locked.withLock { body($0) }
    }

    /// Whether a request might meet a fault rule (see `faultsExist`).
    public nonisolated var hasFaultRules: Bool { faultsExist.load(ordering: .relaxed) }

    /// Runs `body` on the state atomically and saves what it changed.
    ///
    /// It runs on the caller's executor, under the world's lock: `body` must not block.
    nonisolated(nonsending) public func transact<T: Sendable>(_ body: (inout WorldState) -> T) async -> T {
        withState(body)
    }

    /// `transact` for synchronous callers inside this type.
    private nonisolated func withState<T: Sendable>(_ body: (inout WorldState) -> T) -> T {
        locked.withLock { state in
            let result = body(&state)
            if let changes = state.takeChanges() { store.save(changes) }
            faultsExist.store(!state.definition.faults.isEmpty || !state.addedFaults.isEmpty, ordering: .relaxed)
            return result
        }
    }

    /// Replaces the whole state (scenario load, reset), storing it afresh.
    public func replace(with newState: WorldState) async {
        await serialized {
            withState { state in
                state = newState
                _ = state.takeChanges()
                store.replace(with: state.snapshot)
            }
            realtimeAnchor = nil
        }
    }

    /// Waits until everything saved so far is written.
    public func flush() async {
        await store.flush()
    }

    // MARK: The clock

    public nonisolated var now: Int64 { locked.withLock { $0.now } }
    public nonisolated var clockMode: ClockMode { locked.withLock { $0.definition.clock.mode } }

    /// Moves the clock forward by `milliseconds`, running every due status change, timeline entry
    /// and webhook attempt in (instant, insertion) order; returns once all of them have finished.
    public func advance(by milliseconds: Int64) async {
        await serialized { await run(until: now + max(0, milliseconds)) }
    }

    /// Realtime mode: brings the clock up to the wall clock times the speed.
    public func tick(wallNow: Int64) async {
        await serialized {
            let (clock, now) = locked.withLock { ($0.definition.clock, $0.now) }
            guard clock.mode == .realtime else { return }
            let anchor = realtimeAnchor ?? (wallNow, now)
            if realtimeAnchor == nil { realtimeAnchor = anchor }
            let target = anchor.simulated + Int64(Double(wallNow - anchor.wall) * clock.speed)
            if target > now { await run(until: target) }
        }
    }

    /// Runs each instant due up to `target` in one transaction; requests interleave only while an
    /// instant's webhook attempts are in flight, and those are recorded in a transaction of their own.
    private func run(until target: Int64) async {
        while true {
            let step: (instant: Int64, attempts: [(id: String, callID: String, request: WebhookRequest)])? = withState { state in
                guard let next = state.scheduler.next, next.due <= target else { return nil }
                let instant = next.due
                state.now = max(state.now, instant)
                var attempts: [(id: String, callID: String, request: WebhookRequest)] = []
                while let entry = state.scheduler.popDue(notAfter: instant) {
                    switch entry.item {
                    case .call(let id, let input):
                        state.runCall(id, input, seq: entry.seq)
                    case .timeline(let index):
                        for problem in state.applyTimeline(index) {
                            logger.warning("timeline entry skipped", metadata: ["world": "\(self.id)", "problem": "\(problem)"])
                        }
                    case .webhook(let deliveryID):
                        if var request = state.attemptRequest(deliveryID, seq: entry.seq), let d = state.deliveries[deliveryID] {
                            state.deliveries[deliveryID]?.pending = nil
                            request.url = sandboxed(request.url)
                            attempts.append((deliveryID, d.callID, request))
                        }
                    }
                }
                return (instant, attempts)
            }
            guard let step else { break }
            if !step.attempts.isEmpty { await deliver(step.attempts, at: step.instant) }
        }
        withState { state in
            if target > state.now { state.now = target }
            state.changes.meta = true
        }
    }

    /// In a sandbox, `${telesim}/_telesim/…` (the built-in sink) means the sandbox's own admin paths.
    nonisolated func sandboxed(_ url: String) -> String {
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
        withState { state in
            for a in attempts {
                if let result = results[a.id] { state.recordAttempt(a.id, result: result, simulatedAt: instant) }
            }
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
