import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import TelesimCore

/// Routes provider requests: finds the adapter and route, collects the body within the limit,
/// chooses the world by credential, applies injected faults (before authentication, as a
/// provider's edge would), runs the handler and journals the exchange.
public struct ProviderDispatcher: Sendable {
    public let adapters: [any ProviderAdapter]
    /// Each adapter's prefixes and routes, computed once (adapters build them on every access).
    let table: [(adapter: any ProviderAdapter, prefixes: [String], routes: [ProviderRoute])]
    let resolver: any WorldResolver
    /// The largest body a provider request may carry.
    public let maxBodySize: Int
    let logger: Logger

    public init(adapters: [any ProviderAdapter], resolver: any WorldResolver, maxBodySize: Int = 1 << 20, logger: Logger) {
        self.adapters = adapters
        table = adapters.map { ($0, $0.prefixes.map { $0.hasSuffix("/") ? $0 : $0 + "/" }, $0.routes) }
        self.resolver = resolver
        self.maxBodySize = maxBodySize
        self.logger = logger
    }

    /// The adapter owning a path: the one with the longest matching route or prefix.
    public func adapter(for path: String) -> (any ProviderAdapter)? {
        entry(for: path)?.adapter
    }

    func entry(for path: String) -> (adapter: any ProviderAdapter, prefixes: [String], routes: [ProviderRoute])? {
        var best: (adapter: any ProviderAdapter, prefixes: [String], routes: [ProviderRoute])?
        var bestLength = -1
        for entry in table {
            for prefix in entry.prefixes where prefix.count > bestLength && (path.hasPrefix(prefix) || prefix.dropLast() == path) {
                best = entry
                bestLength = prefix.count
            }
        }
        return best
    }

    /// Answers a provider request; nil when no provider owns the path.
    public func respond(to request: Request, context: TelesimRequestContext) async -> Response? {
        let path = request.uri.path
        guard let entry = entry(for: path) else { return nil }
        let adapter = entry.adapter
        let started = DispatchTime.now().uptimeNanoseconds
        let method = request.method.rawValue
        let query = request.uri.query ?? ""
        let pathSegments = path.split(separator: "/")

        var request = request
        var body: [UInt8] = []
        var tooLarge = false
        do {
            let buffer = try await request.collectBody(upTo: maxBodySize)
            body = Array(buffer.readableBytesView)
        } catch {
            tooLarge = true
        }

        // Route lookup: the method's route, else 405 if the path exists for other methods, else 404.
        var matched: (ProviderRoute, [String: String])?
        var allowed: [String] = []
        for route in entry.routes {
            guard let captures = route.match(pathSegments) else { continue }
            if route.method == method { matched = (route, captures); break }
            allowed.append(route.method)
        }

        // The credential decides the world, and an adapter reads it from the request itself.
        var providerRequest = ProviderRequest(method: method, path: path, query: query, headers: request.headers, body: body,
                                              parameters: matched?.1 ?? [:], world: resolver.world(forCredential: nil))
        let world = resolver.world(forCredential: adapter.credential(of: providerRequest))
        providerRequest.world = world
        let ticket = JournalTicket(draft: Self.journalDraft(adapter, providerRequest), started: started)
        providerRequest.ticket = ticket

        let response: ProviderResponse
        let adapterName = adapter.name
        let fault = world.hasFaultRules ? await world.transact { $0.fault(provider: adapterName, method: method, path: path) } : nil
        if let delay = fault?.delay, delay > 0 {
            try? await Task.sleep(for: .milliseconds(delay))
        }
        switch fault?.respond {
        case .drop:
            logger.debug("fault: dropping connection", metadata: ["provider": "\(adapterName)", "path": "\(path)"])
            await journal(world, ticket, ProviderResponse(status: 0, body: ""))
            try? await context.channel.close()
            return Response(status: .internalServerError)
        case .error(let neutral):
            response = adapter.render(.fault(neutral), for: providerRequest)
        case .raw(let status, let rawBody):
            response = ProviderResponse(status: status, headers: [Header("Content-Type", "application/json")], body: rawBody)
        case nil:
            if tooLarge {
                response = adapter.render(.payloadTooLarge(limit: maxBodySize), for: providerRequest)
            } else if let (route, _) = matched {
                response = await route.handler(providerRequest)
            } else if !allowed.isEmpty {
                response = adapter.render(.methodNotAllowed(allowed: allowed), for: providerRequest)
            } else {
                response = adapter.render(.notFound, for: providerRequest)
            }
        }
        if !ticket.isRecorded { await journal(world, ticket, response) }
        return Self.hummingbirdResponse(response)
    }

    /// Records the exchange in its own transaction (when the handler did not: see `ProviderRequest.transact`).
    func journal(_ world: World, _ ticket: JournalTicket, _ response: ProviderResponse) async {
        guard let entry = ticket.claim(response) else { return }
        await world.transact { $0.record(entry) }
    }

    /// The journal entry of a request before it is answered: credentials redacted, body cut at 64 KiB.
    static func journalDraft(_ adapter: any ProviderAdapter, _ request: ProviderRequest) -> JournalEntry {
        var headers: [Header] = []
        headers.reserveCapacity(request.headers.count)
        for field in request.headers {
            let name = field.name.canonicalName
            let value = Redaction.secretHeaders.contains(name)
                ? (name.hasSuffix("authorization") ? Redaction.authorization(field.value) : Redaction.secret(field.value))
                : field.value
            headers.append(Header(field.name.rawName, value))
        }
        return JournalEntry(
            provider: adapter.name, account: nil, method: request.method, path: request.path, query: Redaction.query(request.query),
            headers: headers, body: String(decoding: request.body.prefix(64 * 1024), as: UTF8.self), status: 0,
            responseBody: "", wallAt: 0, durationMs: 0)
    }

    /// The Hummingbird response for a provider response.
    public static func hummingbirdResponse(_ response: ProviderResponse) -> Response {
        var fields = HTTPFields()
        for header in response.headers {
            if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
        }
        return Response(status: HTTPResponse.Status(code: response.status), headers: fields,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: response.body)))
    }
}
