import Foundation
import Testing
@testable import TelesimCore

@Suite("The world's lock")
struct WorldLockTests {
    /// Threads that meet on the lock all the time: no increment is lost, so no two held it at once.
    /// (Both kinds: waiters that yield, for worlds without a store, and waiters that spin and sleep.)
    @Test(arguments: [true, false]) func excludesUnderContention(yielding: Bool) async {
        let lock = WorldLock((count: 0, inside: 0, overlaps: 0), yielding: yielding)
        let threads = 4, rounds = 20_000
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<threads {
                group.addTask {
                    for _ in 0..<rounds {
                        lock.withLock { v in
                            v.inside += 1
                            if v.inside != 1 { v.overlaps += 1 }
                            v.count += 1
                            v.inside -= 1
                        }
                    }
                }
            }
        }
        let final = lock.withLock { $0 }
        #expect(final.count == threads * rounds)
        #expect(final.overlaps == 0)
    }

    /// A holder that keeps the lock far longer than waiters yield: they go to sleep, and each is woken
    /// and gets the lock once it is free.
    @Test(arguments: [true, false]) func waitersSleepThroughALongHoldAndWake(yielding: Bool) async {
        let lock = WorldLock([String](), yielding: yielding)
        let holding = DispatchSemaphore(value: 0)
        let holder = Thread {
            lock.withLock { log in
                holding.signal()
                usleep(300_000)  // far longer than the waiters' spins and yields
                log.append("holder")
            }
        }
        holder.start()
        holding.wait()
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<3 {
                group.addTask { lock.withLock { $0.append("waiter \(i)") } }
            }
        }
        let log = lock.withLock { $0 }
        #expect(log.first == "holder")
        #expect(Set(log.dropFirst()) == ["waiter 0", "waiter 1", "waiter 2"])
    }

    /// Starts a thread that takes the (held) lock and logs "waiter"; returns once it is waiting
    /// (spinning, yielding or asleep), with the semaphore it signals when it has had the lock.
    static func startWaiter(on lock: WorldLock<[String]>) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        Thread {
            lock.withLock { $0.append("waiter") }
            done.signal()
        }.start()
        while lock.waitingThreads == 0 { usleep(1_000) }
        return done
    }

    /// A waiter behind a hold announced as long sleeps at once, where it would otherwise go on
    /// yielding (here: forever, the lock's yields are unbounded); either way it gets the lock after.
    @Test(arguments: [true, false]) func aLongHoldSendsWaitersToSleep(long: Bool) async {
        let lock = WorldLock([String](), spins: 10, yields: .max)
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        Thread {
            lock.withLock(long: long) { log in
                holding.signal()
                release.wait()
                log.append("holder")
            }
        }.start()
        holding.wait()
        let waiterDone = Self.startWaiter(on: lock)
        if long {
            var waited = 0
            while lock.sleepingThreads == 0, waited < 5_000 { usleep(1_000); waited += 1 }
            #expect(lock.sleepingThreads == 1)
        } else {
            usleep(50_000)
            #expect(lock.sleepingThreads == 0)  // still yielding
        }
        release.signal()
        waiterDone.wait()
        #expect(lock.withLock { $0 } == ["holder", "waiter"])
    }

    /// With nobody waiting, letting a waiter in returns at once; with a thread waiting, the thread
    /// takes the lock before the caller takes it again.
    @Test func letsAWaiterInBetweenTwoHolds() async {
        let lock = WorldLock([String]())
        lock.letWaiterIn()  // no waiter: returns straight away
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        Thread {
            lock.withLock { log in
                holding.signal()
                release.wait()
                log.append("first hold")
            }
            lock.letWaiterIn()
            lock.withLock { $0.append("second hold") }
        }.start()
        holding.wait()
        let waiterDone = Self.startWaiter(on: lock)
        release.signal()
        waiterDone.wait()
        while lock.withLock({ $0.count }) < 3 { usleep(1_000) }
        #expect(lock.withLock { $0 } == ["first hold", "waiter", "second hold"])
    }
}
