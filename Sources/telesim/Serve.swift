import ArgumentParser
import Foundation
import Hummingbird
import Logging
import TelesimApp
import TelesimCore

/// `telesim serve`: serves the providers' APIs and the admin API for a world.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the simulator (the built-in default world unless --scenario is given).",
        discussion: """
        Every option also reads an environment variable: TELESIM_SCENARIO (comma-separated), TELESIM_HOST, TELESIM_PORT, \
        TELESIM_DB, TELESIM_CLOCK, TELESIM_SPEED, TELESIM_ADMIN_TOKEN, TELESIM_LOG_LEVEL. Flags win over variables.
        """
    )

    @Option(name: .long, help: "A scenario file; repeat for more (the first is the root world, each further one a sandbox).")
    var scenario: [String] = []
    @Option(help: "Address to bind (default 127.0.0.1). Off loopback an admin token is required.")
    var host: String?
    @Option(help: "Port (default 8080); 0 picks a free port and prints it.")
    var port: Int?
    @Option(help: "SQLite file that keeps the whole world across restarts (default: in memory).")
    var db: String?
    @Option(help: "virtual (default: time moves only when told) or realtime.")
    var clock: String?
    @Option(help: "Realtime speed factor: 60 = one simulated minute per real second.")
    var speed: Double?
    @Option(name: .customLong("admin-token"), help: "Require Authorization: Bearer <token> on /_telesim admin requests.")
    var adminToken: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info (default), notice, warning, error, critical.")
    var logLevel: String?

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        var args = AppArguments()
        args.scenarios = !scenario.isEmpty ? scenario : (env["TELESIM_SCENARIO"].map { $0.split(separator: ",").map(String.init) } ?? [])
        args.host = host ?? env["TELESIM_HOST"] ?? "127.0.0.1"
        let port = port ?? env["TELESIM_PORT"].map({ Int($0) ?? -1 }) ?? 8080
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be from 0 to 65535")
        }
        args.port = port
        args.db = db ?? env["TELESIM_DB"]
        if let c = clock ?? env["TELESIM_CLOCK"] {
            guard let mode = ClockMode(rawValue: c) else { throw ValidationError("--clock must be virtual or realtime") }
            args.clock = mode
        }
        if let s = speed ?? env["TELESIM_SPEED"].flatMap(Double.init) {
            guard ClockSettings.isValidSpeed(s) else {
                throw ValidationError("--speed must be a number greater than 0 and at most \(Int(ClockSettings.maxSpeed))")
            }
            args.speed = s
        }
        args.adminToken = adminToken ?? env["TELESIM_ADMIN_TOKEN"]
        if let level = logLevel ?? env["TELESIM_LOG_LEVEL"] {
            guard let l = Logger.Level(rawValue: level) else {
                throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
            }
            args.logLevel = l
        }

        let level = args.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }

        let app: TelesimApplication
        do {
            app = try await buildApplication(args)
        } catch let error as AppError {
            FileHandle.standardError.write(Data("telesim: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        let clock = app.root.read { $0.definition.clock }
        let host = args.host.contains(":") ? "[\(args.host)]" : args.host
        let how = clock.mode == .virtual
            ? "virtual clock: move it with POST /_telesim/clock/advance {\"by\":\"30s\"}"
            : "realtime clock at speed \(clock.speed)"
        let server = app.application { port in
            FileHandle.standardOutput.write(Data("telesim ready on http://\(host):\(port) (\(how))\n".utf8))
        }
        try await server.runService()
        await app.shutdown()
    }
}
