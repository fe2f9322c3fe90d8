import Foundation
import ServiceLifecycle

/// Realtime mode as a service: every tick brings each realtime world's clock up to the wall clock
/// (times its speed), running what fell due. Virtual worlds ignore ticks.
struct RealtimeClockService: Service {
    let directory: WorldDirectory
    /// Milliseconds between ticks.
    let interval: Int64

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let wall = Int64(Date().timeIntervalSince1970 * 1000)
            for world in directory.allWorlds where world.clockMode == .realtime {
                await world.tick(wallNow: wall)
            }
            try? await Task.sleep(nanoseconds: UInt64(interval) * 1_000_000)
        }
    }
}
