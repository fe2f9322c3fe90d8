import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ProviderKit
import TelesimCore
import TelesimScenario

/// The `/_telesim` admin API. Every path exists twice: for the root world under `/_telesim/` and
/// for a sandbox under `/_telesim/sandboxes/{sandbox}/`.
public struct AdminController: Sendable {
    let host: any AdminHost
    let version: String

    public init(host: any AdminHost, version: String) {
        self.host = host
        self.version = version
    }

    /// Registers the routes on a router.
    public func register(on router: Router<TelesimRequestContext>) {
        for prefix in ["/_telesim", "/_telesim/sandboxes/:sandbox"] {
            let g = router.group(RouterPath(prefix))
            g.get("health", use: health)
            g.get("scenario", use: getScenario)
            g.put("scenario", use: putScenario)
            g.post("reset", use: reset)
            g.get("clock", use: getClock)
            g.post("clock/advance", use: advance)
            g.get("state/**", use: getState)
            g.patch("state", use: patchState)
            g.get("calls", use: listCalls)
            g.get("calls/:id", use: getCall)
            g.get("calls/:id/wait", use: waitForCall)
            g.get("requests", use: listRequests)
            g.delete("requests", use: clearRequests)
            g.get("webhooks", use: listWebhooks)
            g.get("faults", use: listFaults)
            g.post("faults", use: addFault)
            g.delete("faults", use: clearFaults)
            g.post("sink/:name", use: sinkReceive)
            g.get("sink/:name", use: sinkList)
            g.delete("sink/:name", use: sinkClear)
            g.get("openapi/:document", use: openAPI)
        }
        router.post("/_telesim/sandboxes", use: createSandbox)
        router.delete("/_telesim/sandboxes/:sandbox", use: deleteSandbox)
    }

    // MARK: Helpers

    func world(_ context: TelesimRequestContext) throws(AdminError) -> World {
        guard let id = context.parameters.get("sandbox") else { return host.root }
        guard let world = host.sandbox(id) else { throw .notFound("no sandbox \"\(id)\"") }
        return world
    }

    static func json(_ status: HTTPResponse.Status = .ok, _ body: JSON) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body.serialized)))
    }

    static func error(_ error: AdminError) -> Response {
        switch error {
        case .invalidScenario(let problems):
            return json(.unprocessableContent, .obj([
                "error": "invalid scenario",
                "problems": .array(problems.map { p in
                    .obj(["line": .int(Int64(p.line)), "column": .int(Int64(p.column)), "path": .string(p.path), "message": .string(p.message)])
                }),
            ]))
        case .badRequest(let m): return json(.badRequest, .obj(["error": .string(m)]))
        case .notFound(let m): return json(.notFound, .obj(["error": .string(m)]))
        case .conflict(let m): return json(.conflict, .obj(["error": .string(m)]))
        case .unprocessable(let m): return json(.unprocessableContent, .obj(["error": .string(m)]))
        }
    }

    /// Runs a handler body, rendering admin errors.
    static func handle(_ body: () async throws(AdminError) -> Response) async -> Response {
        do { return try await body() } catch { return Self.error(error) }
    }

    static func bodyBytes(_ request: Request, limit: Int = 4 << 20) async throws(AdminError) -> [UInt8] {
        var request = request
        do {
            return Array(try await request.collectBody(upTo: limit).readableBytesView)
        } catch {
            throw .badRequest("body larger than \(limit) bytes")
        }
    }

    static func bodyJSON(_ request: Request) async throws(AdminError) -> JSON {
        let bytes = try await bodyBytes(request)
        do { return try JSON.parse(bytes) } catch { throw .badRequest("body is not valid JSON: \(error.description)") }
    }

    static func loadScenario(_ text: String) throws(AdminError) -> Scenario {
        do throws(ScenarioError) {
            return try ScenarioLoader.load(text)
        } catch {
            throw .invalidScenario(error.problems)
        }
    }

    static func query(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters.get(name)
    }

    /// `limit` (default 100, max 1000) and `offset` (default 0) from the query.
    static func page(_ request: Request) throws(AdminError) -> (limit: Int, offset: Int) {
        var limit = 100
        var offset = 0
        if let l = query(request, "limit") {
            guard let v = Int(l), v >= 0 else { throw .badRequest("limit must be a non-negative integer") }
            limit = min(v, 1000)
        }
        if let o = query(request, "offset") {
            guard let v = Int(o), v >= 0 else { throw .badRequest("offset must be a non-negative integer") }
            offset = v
        }
        return (limit, offset)
    }

    static func list<T>(_ items: [T], key: String, request: Request, render: (T) -> JSON) throws(AdminError) -> Response {
        let (limit, offset) = try page(request)
        let slice = items.dropFirst(offset).prefix(limit)
        return json(.ok, .object([(key, .array(slice.map(render))), ("total", .int(Int64(items.count)))]))
    }

    // MARK: Health, scenario, reset

    @Sendable func health(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            let mode = world.clockMode
            return Self.json(.ok, .obj(["status": "ok", "version": .string(version), "world": .string(world.id), "clock": .string(mode.rawValue)]))
        }
    }

    @Sendable func getScenario(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            let source = world.read { $0.scenarioSource }
            var headers = HTTPFields()
            headers[.contentType] = "application/yaml; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: source)))
        }
    }

    @Sendable func putScenario(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            let text = String(decoding: try await Self.bodyBytes(request), as: UTF8.self)
            let scenario: Scenario
            scenario = try Self.loadScenario(text)
            await world.replace(with: host.newState(for: scenario))
            try await host.credentialsChanged(in: world)
            return Self.json(.ok, .obj(["status": "loaded", "name": .string(scenario.name)]))
        }
    }

    @Sendable func reset(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            let source = world.read { $0.scenarioSource }
            let scenario: Scenario
            scenario = try Self.loadScenario(source)
            await world.replace(with: host.newState(for: scenario))
            try await host.credentialsChanged(in: world)
            return Self.json(.ok, .obj(["status": "reset", "name": .string(scenario.name)]))
        }
    }

    // MARK: Clock

    @Sendable func getClock(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            let (clock, now) = world.read { ($0.definition.clock, $0.now) }
            return Self.json(.ok, AdminJSON.clock(mode: clock.mode, now: now, speed: clock.speed))
        }
    }

    @Sendable func advance(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            let body = try await Self.bodyJSON(request)
            let ms: Int64
            switch body["by"] {
            case .string(let s)?:
                guard let v = SimDuration.parse(s) else { throw .badRequest("by: expected a duration such as 30s, 2m or 1m30s, got \"\(s)\"") }
                ms = v
            case let v? where v.doubleValue != nil:
                guard let d = v.doubleValue, d >= 0, d < 1e10 else { throw .badRequest("by: expected a non-negative number of seconds") }
                ms = Int64((d * 1000).rounded())
            default:
                throw .badRequest("expected {\"by\": \"30s\"} (a duration, or a number of seconds)")
            }
            guard world.clockMode == .virtual else {
                throw .conflict("the clock is realtime; it follows the wall clock and cannot be advanced")
            }
            await world.advance(by: ms)
            let (clock, now) = world.read { ($0.definition.clock, $0.now) }
            return Self.json(.ok, AdminJSON.clock(mode: clock.mode, now: now, speed: clock.speed))
        }
    }

    // MARK: State

    @Sendable func getState(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            let text = context.parameters.getCatchAll().joined(separator: "/")
            guard let address = Address(text) else { throw .badRequest("expected an address such as ringyo/default/credits") }
            let found = world.read { state in Result { () throws(AddressError) in try state.value(at: address) } }
            switch found {
            case .success(let (value, kind)): return Self.json(.ok, .obj(["address": .string(address.description), "value": kind.render(value)]))
            case .failure(let error): throw .notFound(error.description)
            }
        }
    }

    @Sendable func patchState(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            guard case .object(let members) = try await Self.bodyJSON(request), !members.isEmpty else {
                throw .badRequest("expected an object of address: value pairs, e.g. {\"exotel/account_sid/users/agent-uuid/device\": \"busy\"}")
            }
            var addresses: [(Address, JSON)] = []
            for (key, value) in members {
                guard let address = Address(key) else { throw .badRequest("\"\(key)\" is not an address") }
                addresses.append((address, value))
            }
            let toApply = addresses
            // All or nothing: apply to a copy, then commit only if every change was accepted.
            let result: Result<[JSON], AddressError> = world.transact { state in
                var copy = state
                var changed: [JSON] = []
                for (address, value) in toApply {
                    do throws(AddressError) {
                        let stored = try copy.set(address, to: value)
                        let kind = (try? copy.value(at: address).1) ?? .any
                        changed.append(.obj(["address": .string(address.description), "value": kind.render(stored)]))
                    } catch {
                        return .failure(error)
                    }
                }
                state = copy
                return .success(changed)
            }
            switch result {
            case .success(let changed):
                try await host.credentialsChanged(in: world)
                return Self.json(.ok, .obj(["changed": .array(changed)]))
            case .failure(let error):
                throw .unprocessable(error.description)
            }
        }
    }

    // MARK: Calls

    @Sendable func listCalls(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            let provider = Self.query(request, "provider")
            let account = Self.query(request, "account")
            var (calls, now) = world.read { ($0.calls(provider: provider, account: account), $0.now) }
            if let status = Self.query(request, "status") {
                guard CallStatus(rawValue: status) != nil else {
                    throw .badRequest("status must be one of \(CallStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                calls = calls.filter { $0.status.rawValue == status }
            }
            return try Self.list(calls, key: "calls", request: request) { AdminJSON.call($0, now: now) }
        }
    }

    @Sendable func getCall(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            let id = context.parameters.get("id") ?? ""
            let (found, now) = world.read { ($0.call(id), $0.now) }
            guard let call = found else { throw .notFound("no call \"\(id)\"") }
            return Self.json(.ok, AdminJSON.call(call, now: now))
        }
    }

    @Sendable func waitForCall(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            let id = context.parameters.get("id") ?? ""
            guard let statusText = Self.query(request, "status"), let wanted = CallStatus(rawValue: statusText) else {
                throw .badRequest("status must be one of \(CallStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var timeout: Int64 = 10_000
            if let t = Self.query(request, "timeout") {
                guard let v = SimDuration.parse(t) else { throw .badRequest("timeout: expected a duration such as 10s") }
                timeout = min(v, 300_000)
            }
            let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout) * 1_000_000
            while true {
                let (found, now) = world.read { ($0.call(id), $0.now) }
                guard let call = found else { throw .notFound("no call \"\(id)\"") }
                if call.status == wanted { return Self.json(.ok, AdminJSON.call(call, now: now)) }
                if call.status.isFinal {
                    return Self.json(.conflict, .obj(["error": .string("call ended as \(call.status.rawValue), not \(wanted.rawValue)"),
                                                      "call": AdminJSON.call(call, now: now)]))
                }
                if DispatchTime.now().uptimeNanoseconds >= deadline {
                    return Self.json(.requestTimeout, .obj(["error": .string("call is still \(call.status.rawValue) after \(SimDuration.format(timeout))"),
                                                            "call": AdminJSON.call(call, now: now)]))
                }
                try? await Task.sleep(nanoseconds: 10_000_000)
            }
        }
    }

    // MARK: Journal and webhook log

    @Sendable func listRequests(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            var entries = world.read { Array($0.recentJournal.reversed()) }
            if let p = Self.query(request, "provider") { entries = entries.filter { $0.provider == p } }
            if let p = Self.query(request, "path") {
                entries = entries.filter { $0.path == p || WorldState.pathMatches(p, $0.path) }
            }
            if let s = Self.query(request, "status") {
                guard let code = Int(s) else { throw .badRequest("status must be an HTTP status code") }
                entries = entries.filter { $0.status == code }
            }
            if Self.query(request, "format") == "scenario" {
                let (source, credentials) = world.read { ($0.scenarioSource, $0.allCredentials) }
                let text = JournalExport.scenario(source: source, journal: entries.reversed(), credentials: credentials)
                var headers = HTTPFields()
                headers[.contentType] = "application/yaml; charset=utf-8"
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
            }
            return try Self.list(entries, key: "requests", request: request, render: AdminJSON.journal)
        }
    }

    @Sendable func clearRequests(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            world.transact { $0.clearJournal() }
            return Response(status: .noContent)
        }
    }

    @Sendable func listWebhooks(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            var items = world.read { $0.deliveryLog() }
            if let c = Self.query(request, "call") ?? Self.query(request, "call_id") { items = items.filter { $0.callID == c } }
            if let p = Self.query(request, "provider") { items = items.filter { $0.provider == p } }
            if let s = Self.query(request, "status") {
                guard ["delivered", "retrying", "failed"].contains(s) else { throw .badRequest("status must be one of delivered, retrying, failed") }
                items = items.filter { (($0.status == .pending) ? "retrying" : $0.status.rawValue) == s }
            }
            return try Self.list(items, key: "webhooks", request: request, render: AdminJSON.delivery)
        }
    }

    // MARK: Sink

    @Sendable func sinkReceive(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            let name = context.parameters.get("name") ?? ""
            let body = String(decoding: try await Self.bodyBytes(request), as: UTF8.self)
            let headers = request.headers.map { Header($0.name.rawName, $0.value) }
            let received = SinkRequest(method: request.method.rawValue, path: request.uri.path, headers: headers, body: body,
                                       receivedAt: Int64(Date().timeIntervalSince1970 * 1000))
            world.transact { $0.receive(received, sink: name) }
            return Self.json(.ok, .obj(["received": true]))
        }
    }

    @Sendable func sinkList(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            let name = context.parameters.get("name") ?? ""
            let items = world.read { $0.sinkRequests(name) }
            return Self.json(.ok, .obj(["requests": .array(items.map(AdminJSON.sink)), "total": .int(Int64(items.count))]))
        }
    }

    @Sendable func sinkClear(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            let name = context.parameters.get("name") ?? ""
            world.transact { $0.clearSink(name) }
            return Response(status: .noContent)
        }
    }

    // MARK: Sandboxes

    @Sendable func createSandbox(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let text = String(decoding: try await Self.bodyBytes(request), as: UTF8.self)
            let scenario: Scenario
            scenario = try Self.loadScenario(text)
            let id = try await host.createSandbox(scenario)
            return Self.json(.created, .obj(["id": .string(id), "prefix": .string("/_telesim/sandboxes/\(id)")]))
        }
    }

    @Sendable func deleteSandbox(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let id = context.parameters.get("sandbox") ?? ""
            guard await host.deleteSandbox(id) else { throw .notFound("no sandbox \"\(id)\"") }
            return Response(status: .noContent)
        }
    }

    // MARK: OpenAPI

    @Sendable func openAPI(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let document = context.parameters.get("document") ?? ""
            let name = document.hasSuffix(".json") ? String(document.dropLast(5)) : document
            guard let adapter = host.adapters.first(where: { $0.name == name }) else {
                throw .notFound("no provider \"\(name)\" (expected one of \(host.adapters.map(\.name).joined(separator: ", ")))")
            }
            return Self.json(.ok, adapter.openAPI)
        }
    }
}
