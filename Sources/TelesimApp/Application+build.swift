import EdesyAgents
import EdesyMasking
import Exotel
import Foundation
import Hummingbird
import Logging
import NIOCore
import ProviderKit
import Ringyo
import ServiceLifecycle
import Synchronization
import TelesimAdmin
import TelesimCore
import TelesimScenario
import TelesimStore
import TelesimWebhooks
import Voiso

/// telesim's version, shown by `/_telesim/health` and `--version`.
public let telesimVersion = "0.1.0"

/// The provider adapters served, in routing order. Adding a provider is one line here.
func makeAdapters() -> [any ProviderAdapter] {
    [EdesyAgentsAdapter(), EdesyMaskingAdapter(), RingyoAdapter(), VoisoAdapter(), ExotelAdapter()]
}

/// A built application with the handles `telesim serve` and tests need.
public struct TelesimApplication: Sendable {
    public let directory: WorldDirectory
    public let arguments: AppArguments
    let adminResponder: RouterResponder<TelesimRequestContext>
    let dispatcher: ProviderDispatcher
    let services: [any Service]
    let logger: Logger
    let onShutdown: @Sendable () async -> Void
    let baseURL: WebhookBaseURL

    /// The root world.
    public var root: World { directory.root }

    /// The Hummingbird application, serving on `arguments.host:port`; `onReady` receives the bound port.
    public func application(onReady: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let responder = TelesimResponder(admin: adminResponder, providers: dispatcher)
        return Application(
            responder: responder,
            // Provider requests are answered at the front of each connection's pipeline (see
            // ProviderChannelHandler); the rest reach `responder`.
            server: .providers(dispatcher),
            configuration: .init(address: .hostname(arguments.host, port: arguments.port), serverName: nil),
            services: services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? arguments.port
                let host = arguments.host.contains(":") ? "[\(arguments.host)]" : arguments.host
                await setBaseURL("http://\(host == "0.0.0.0" || host == "[::]" ? "127.0.0.1" : host):\(port)")
                await onReady(port)
            },
            logger: logger
        )
    }

    /// Tells the webhook transport where `${telesim}` points (the server's own base URL).
    public func setBaseURL(_ url: String) async {
        await baseURL.set(url)
    }

    /// Flushes every world's store; call after the server stops.
    public func shutdown() async {
        for world in directory.allWorlds { await world.flush() }
        await onShutdown()
    }
}

/// The one composition root: loads the scenarios, opens the store, wires adapters, admin API and
/// services. The CLI and every test build the application through here.
public func buildApplication(_ arguments: AppArguments) async throws -> TelesimApplication {
    var logger = Logger(label: "telesim")
    logger.logLevel = arguments.logLevel

    if !arguments.isLoopback, (arguments.adminToken ?? "").isEmpty {
        throw AppError("refusing to bind \(arguments.host) without an admin token: set --admin-token or TELESIM_ADMIN_TOKEN (loopback addresses need none)")
    }

    // Scenarios: the first (or the built-in default world) is the root; each further file a sandbox.
    var scenarios: [Scenario] = []
    for path in arguments.scenarios {
        guard let data = FileManager.default.contents(atPath: path) else { throw AppError("cannot read scenario file \(path)") }
        do {
            scenarios.append(try ScenarioLoader.load(String(decoding: data, as: UTF8.self)))
        } catch {
            throw AppError(error.problems.map { "\(path):\($0.line):\($0.column): \($0.message)" }.joined(separator: "\n"))
        }
    }
    for (index, text) in arguments.scenarioTexts.enumerated() {
        do {
            scenarios.append(try ScenarioLoader.load(text))
        } catch {
            throw AppError(error.problems.map { "scenario \(index + 1):\($0.line):\($0.column): \($0.message)" }.joined(separator: "\n"))
        }
    }
    if scenarios.isEmpty {
        do { scenarios = [try ScenarioLoader.load(DefaultScenario.text)] } catch {
            throw AppError("the built-in default scenario is invalid: \(error.problems.map(\.description).joined(separator: "; "))")
        }
    }

    let adapters = makeAdapters()
    let baseURL = WebhookBaseURL(arguments.port == 0 ? nil : "http://\(arguments.host.contains(":") ? "[\(arguments.host)]" : arguments.host):\(arguments.port)")
    // Without --db the world in memory is the only copy: an in-memory SQLite mirror of it would be
    // written on every change and never read (see ARCHITECTURE.md, "Persistence"). `--db :memory:`
    // still asks for one.
    let sqliteStore: SQLiteWorldStore?
    do {
        sqliteStore = try arguments.db.map { try SQLiteWorldStore(path: $0) }
    } catch {
        throw AppError("cannot open the database \(arguments.db ?? ""): \(error)")
    }
    let rootStore: any WorldStore = sqliteStore ?? DiscardingStore()
    let observers = WorldDirectory.observers(adapters)
    let overrides = (arguments.clock, arguments.speed)
    let rootScenario = scenarios[0]
    let definition = WorldDirectory.applyingOverrides(rootScenario.definition, overrides)

    let rootState: WorldState
    let stored: WorldSnapshot?
    do { stored = try rootStore.load() } catch {
        throw AppError("cannot read the database \(arguments.db ?? ""): \(error)")
    }
    if let saved = stored {
        let savedScenario: Scenario
        do { savedScenario = try ScenarioLoader.load(saved.meta.scenarioSource) } catch {
            throw AppError("the database holds a world whose scenario no longer loads: \(error.problems.map(\.description).joined(separator: "; "))")
        }
        rootState = WorldState(definition: WorldDirectory.applyingOverrides(savedScenario.definition, overrides), restoring: saved,
                               observers: observers, limits: arguments.limits)
        logger.notice("database already holds a world; keeping it (PUT /_telesim/scenario or POST /_telesim/reset starts over)",
                      metadata: ["db": "\(arguments.db ?? "")", "scenario": "\(savedScenario.name)"])
    } else {
        rootState = WorldState(definition: definition, scenarioSource: rootScenario.source, observers: observers, limits: arguments.limits)
        rootStore.replace(with: rootState.snapshot)
    }
    // Created after every step that can fail before the server exists: an HTTP client must be shut
    // down once made (see the sandbox loop below).
    let httpTransport = HTTPWebhookTransport(
        baseURL: baseURL,
        configuration: .init(connectTimeout: .milliseconds(arguments.webhookConnectTimeout), timeout: .milliseconds(arguments.webhookTimeout)),
        logger: logger)
    let transport: any WebhookTransport = httpTransport
    let root = World(id: "root", state: rootState, store: rootStore, transport: transport, logger: logger)

    let directory = WorldDirectory(root: root, adapters: adapters, transport: transport,
                                   limits: arguments.limits, clockOverride: overrides, logger: logger)
    for scenario in scenarios.dropFirst() {
        do { _ = try await directory.createSandbox(scenario) } catch {
            try? await sqliteStore?.close()
            try? await httpTransport.shutdown()
            throw AppError("scenario \(scenario.name) cannot become a sandbox: \(error)")
        }
    }

    let router = Router(context: TelesimRequestContext.self)
    router.add(middleware: AdminErrorMiddleware())
    router.add(middleware: AdminAuthMiddleware(token: arguments.adminToken.flatMap { $0.isEmpty ? nil : $0 }))
    AdminController(host: directory, version: telesimVersion).register(on: router)

    let dispatcher = ProviderDispatcher(adapters: adapters, resolver: directory, logger: logger)
    let services: [any Service] = [RealtimeClockService(directory: directory, interval: 10)]
    return TelesimApplication(directory: directory, arguments: arguments, adminResponder: router.buildResponder(), dispatcher: dispatcher, services: services,
                              logger: logger, onShutdown: {
                                  try? await sqliteStore?.close()
                                  try? await httpTransport.shutdown()
                              }, baseURL: baseURL)
}

/// The provider names `telesim openapi` accepts.
public var providerNames: [String] { makeAdapters().map(\.name) }

/// A provider's OpenAPI document as served at `/_telesim/openapi/{provider}.json`.
public func openAPIDocument(for provider: String) -> String? {
    makeAdapters().first { $0.name == provider }?.openAPI.serialized
}
