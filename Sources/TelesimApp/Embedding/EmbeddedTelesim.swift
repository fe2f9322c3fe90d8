import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import TelesimCore

/// telesim inside a Swift test suite: a simulator on a free loopback port, with no process to manage.
///
/// ```swift
/// let sim = try await EmbeddedTelesim.start(scenario: try String(contentsOfFile: "world.yaml"))
/// defer { Task { await sim.stop() } }
/// // point the code under test at sim.baseURL, then:
/// try await sim.advance(by: "45s")
/// let hooks = await sim.sink("ringyo")
/// ```
public final class EmbeddedTelesim: Sendable {
    /// `http://127.0.0.1:<port>`: the base URL for every provider and the admin API.
    public let baseURL: String
    public let port: Int
    let app: TelesimApplication
    let server: Task<Void, any Error>
    let group: ServiceGroup

    init(baseURL: String, port: Int, app: TelesimApplication, server: Task<Void, any Error>, group: ServiceGroup) {
        self.baseURL = baseURL
        self.port = port
        self.app = app
        self.server = server
        self.group = group
    }

    /// Starts a simulator for a scenario's text (nil: the default world) and returns once it listens.
    public static func start(scenario: String? = nil, arguments: AppArguments = AppArguments()) async throws -> EmbeddedTelesim {
        var args = arguments
        args.host = "127.0.0.1"
        args.port = 0
        if let scenario { args.scenarioTexts = [scenario] }
        let app = try await buildApplication(args)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var quiet = Logger(label: "telesim.embedded")
        quiet.logLevel = .critical
        let group = ServiceGroup(configuration: .init(services: [app.application { port in continuation.yield(port) }], logger: quiet))
        let server = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw AppError("the embedded simulator did not start") }
        continuation.finish()
        return EmbeddedTelesim(baseURL: "http://127.0.0.1:\(port)", port: port, app: app, server: server, group: group)
    }

    /// The root world, for direct reads (`await sim.world.state.calls()`).
    public var world: World { app.root }

    /// Moves the virtual clock, running every status change and webhook due, before returning.
    public func advance(by duration: String) async throws {
        guard let ms = SimDuration.parse(duration) else { throw AppError("not a duration: \(duration)") }
        await app.root.advance(by: ms)
    }

    /// Every call, newest first.
    public func calls() async -> [Call] { app.root.read { $0.calls() } }

    /// What the built-in sink `name` received, oldest first.
    public func sink(_ name: String) async -> [SinkRequest] { app.root.read { $0.sinkRequests(name) } }

    /// Stops the server and flushes the store.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = await server.result
        await app.shutdown()
    }
}
