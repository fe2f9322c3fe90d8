#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The lock around a world's state: a test-and-set lock whose waiters give the processor away
/// (`sched_yield`) instead of sleeping, and sleep only when the holder keeps it for long.
///
/// Every provider request takes a world's lock once, from whichever event loop read it, for
/// ~20 µs. Under load two loops meet on it often. The standard library's `Mutex` spins, then
/// sleeps on a priority-inheritance futex: the sleep and the wakeup (a system call on each side,
/// and in a VM an inter-processor interrupt) cost more than the wait, and were 7-10% of the
/// server's CPU per create. A waiter that yields stays runnable: while the holder runs, the
/// processor goes to whatever else is ready (on a loaded machine, the clients), and the waiter
/// takes the lock as soon as it is free, with no wakeup to pay for. A holder that keeps the lock
/// long (a scenario replaced, a whole-state copy) sends its waiters to sleep after a bounded number
/// of yields, so they do not burn a processor meanwhile.
///
/// Yielding pays only while the processor comes back quickly. A world with a store has the store's
/// writer thread busy beside the event loops, and a yield hands it a whole time slice: the
/// yielding loop and its connections then stall for milliseconds (p99 8.5 → 21 ms with `--db`).
/// So a world with a store makes its waiters spin longer and then sleep, without yielding
/// (`yielding: false`), as `Mutex` does.
///
/// A holder that knows it will keep the lock long says so (`withLock(long: true)`: the clock
/// running a batch of instants, about a millisecond), and its waiters go to sleep at once instead
/// of yielding until it is done. Yielding through such a hold cost Exotel, whose realtime clock
/// runs every call's lifecycle beside the requests, ~20 µs of CPU per request (perf), on a machine
/// whose clients needed that processor.
final class WorldLock<Value>: @unchecked Sendable {
    private let held = Atomic<Bool>(false)
    /// Waiters asleep on `wakeup` (each unlock with sleepers wakes one).
    private let sleepers = Atomic<Int>(0)
    /// Threads in `lockSlow`: spinning, yielding or asleep.
    private let waiting = Atomic<Int>(0)
    /// The holder said it will keep the lock long: waiters sleep instead of spinning or yielding.
    private let longHold = Atomic<Bool>(false)
    private let parking: UnsafeMutablePointer<pthread_mutex_t>
    private let wakeup: UnsafeMutablePointer<pthread_cond_t>
    private var value: Value
    /// Reads of the lock word before a waiter starts yielding (or, with no yields, sleeps).
    private let spins: Int
    /// Yields before a waiter sleeps (a yield with nothing else to run costs ~1 µs, so a waiter
    /// sleeps after a millisecond or so; the clock's batches of instants hold the lock about that long).
    private let yields: Int

    /// A lock whose waiters yield (`yielding`), or spin and then sleep.
    convenience init(_ value: Value, yielding: Bool = true) {
        self.init(value, spins: yielding ? 200 : 20_000, yields: yielding ? 1_000 : 0)
    }

    /// A lock whose waiters read the lock word `spins` times, then yield `yields` times, then sleep.
    init(_ value: Value, spins: Int, yields: Int) {
        self.value = value
        self.spins = spins
        self.yields = yields
        parking = .allocate(capacity: 1)
        pthread_mutex_init(parking, nil)
        wakeup = .allocate(capacity: 1)
        pthread_cond_init(wakeup, nil)
    }

    deinit {
        pthread_cond_destroy(wakeup)
        wakeup.deallocate()
        pthread_mutex_destroy(parking)
        parking.deallocate()
    }

    /// Runs `body` on the value with the lock held; `long` when `body` will hold it for long (about
    /// a millisecond or more), so that waiters sleep until it is done.
    @inline(__always)
    func withLock<T>(long: Bool = false, _ body: (inout Value) -> T) -> T {
        if !held.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged { lockSlow() }
        if long { longHold.store(true, ordering: .relaxed) }
        defer {
            if long { longHold.store(false, ordering: .relaxed) }
            unlock()
        }
        return body(&value)
    }

    @inline(never)
    private func lockSlow() {
        waiting.wrappingAdd(1, ordering: .relaxed)
        var tries = 0
        while true {
            if !held.load(ordering: .relaxed), held.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
                waiting.wrappingSubtract(1, ordering: .relaxed)
                return
            }
            tries += 1
            // The flag is only a hint: sleeping is safe whenever it is read (see below).
            if !longHold.load(ordering: .relaxed) {
                if tries <= spins { continue }
                if tries - spins <= yields {
                    sched_yield()
                    continue
                }
            }
            // Sleeps until an unlock. `sleepers` is raised before `held` is read again, and an
            // unlock clears `held` before it reads `sleepers` (both sequentially consistent), so
            // either this waiter sees the lock free or the unlock sees it and signals under `parking`.
            sleepers.wrappingAdd(1, ordering: .sequentiallyConsistent)
            pthread_mutex_lock(parking)
            while held.load(ordering: .sequentiallyConsistent) { pthread_cond_wait(wakeup, parking) }
            pthread_mutex_unlock(parking)
            sleepers.wrappingSubtract(1, ordering: .sequentiallyConsistent)
            tries = spins
        }
    }

    /// For a caller about to take the lock again straight away (the clock running one batch of
    /// instants after another): if a thread is waiting, yields until it (or any other) has taken
    /// the lock. A waiter would otherwise rarely see the lock free between two holds. A waiter
    /// always gets a free lock in the end (an asleep one was signalled when the lock was released),
    /// so this ends.
    func letWaiterIn() {
        while waiting.load(ordering: .relaxed) > 0, !held.load(ordering: .relaxed) {
            sched_yield()
        }
    }

    /// Threads waiting for the lock now (for tests).
    var waitingThreads: Int { waiting.load(ordering: .relaxed) }

    /// Threads asleep waiting for the lock now (for tests).
    var sleepingThreads: Int { sleepers.load(ordering: .relaxed) }

    @inline(__always)
    private func unlock() {
        held.store(false, ordering: .sequentiallyConsistent)
        if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
            pthread_mutex_lock(parking)
            pthread_cond_signal(wakeup)
            pthread_mutex_unlock(parking)
        }
    }
}
