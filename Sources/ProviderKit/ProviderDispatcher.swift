import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import TelesimCore

/// Routes provider requests: finds the adapter and route, collects the body within the limit,
/// chooses the world by credential, applies injected faults (before authentication, as a
/// provider's edge would), runs the handler and journals the exchange.
public struct ProviderDispatcher: Sendable {
    public let adapters: [any ProviderAdapter]
    /// Each adapter's prefixes and routes, computed once (adapters build them on every access).
    let table: [Entry]
    typealias Entry = (adapter: any ProviderAdapter, prefixes: [String], routes: [ProviderRoute])
    /// Every prefix with its entry's index in `table`, longest first (table order among equals):
    /// the first that matches a path is its owner.
    let prefixOrder: [(prefix: [UInt8], entry: Int)]
    let resolver: any WorldResolver
    /// The largest body a provider request may carry.
    public let maxBodySize: Int
    let logger: Logger

    public init(adapters: [any ProviderAdapter], resolver: any WorldResolver, maxBodySize: Int = 1 << 20, logger: Logger) {
        self.adapters = adapters
        table = adapters.map { ($0, $0.prefixes.map { $0.hasSuffix("/") ? $0 : $0 + "/" }, $0.routes) }
        prefixOrder = table.enumerated()
            .flatMap { i, entry in entry.prefixes.map { (prefix: $0, entry: i) } }
            .enumerated()
            .sorted { a, b in
                let (la, lb) = (a.element.prefix.utf8.count, b.element.prefix.utf8.count)
                return la != lb ? la > lb : a.offset < b.offset
            }
            .map { (prefix: Array($0.element.prefix.utf8), entry: $0.element.entry) }
        self.resolver = resolver
        self.maxBodySize = maxBodySize
        self.logger = logger
    }

    /// Whether a path is telesim's admin API (`/_telesim` and below), which no provider serves.
    public static func isAdminPath(_ path: String) -> Bool {
        path == "/_telesim" || path.hasPrefix("/_telesim/")
    }

    /// The adapter owning a path: the one with the longest matching route or prefix.
    public func adapter(for path: String) -> (any ProviderAdapter)? {
        entry(for: path)?.adapter
    }

    /// The entry owning a path: the longest prefix it starts with (or is, without the final `/`).
    func entry(for path: String) -> Entry? {
        var path = path
        return path.withUTF8 { bytes in
            for (prefix, index) in prefixOrder where Self.owns(prefix, bytes) { return table[index] }
            return nil
        }
    }

    /// Whether a path is under a prefix (which ends in `/`) or is the prefix without its `/`:
    /// the bytes compared in place (generic comparisons of two UTF-8 views cost ~20 ns a prefix,
    /// and a request may try every one).
    static func owns(_ prefix: [UInt8], _ path: UnsafeBufferPointer<UInt8>) -> Bool {
        let stem = prefix.count - 1
        guard path.count >= stem else { return false }
        return prefix.withUnsafeBufferPointer { p in
            (stem == 0 || memcmp(p.baseAddress!, path.baseAddress!, stem) == 0) && (path.count == stem || path[stem] == p[stem])
        }
    }

    /// A provider request as read off the wire: the part of dispatch both servers share (this
    /// dispatcher's `respond` for Hummingbird, and `ProviderChannelHandler`).
    struct Incoming {
        var method: String
        var path: String
        var query: String
        /// Without the first `Host`, which is `authority` (as Hummingbird's request has them).
        var headers: HTTPFields
        var authority: String?
        var body: [UInt8]
        /// The body went past `maxBodySize` (and `body` is empty: it was not read).
        var tooLarge: Bool
        /// When the request arrived (`DispatchTime` nanoseconds), for the journal's duration.
        var started: UInt64
    }

    /// A request routed to its adapter, route and world, with its journal entry drafted.
    struct Routed {
        let adapter: any ProviderAdapter
        let request: ProviderRequest
        let route: ProviderRoute?
        /// The methods the path allows, when `route` is nil.
        let allowed: [String]
        let tooLarge: Bool
        let ticket: JournalTicket
        var world: World { request.world }
    }

    /// Routes a request to the adapter `entry(for:)` found for its path.
    func route(_ incoming: Incoming, _ entry: Entry) -> Routed {
        let adapter = entry.adapter
        // Route lookup: the method's route, else 405 if the path exists for other methods, else 404.
        let pathSegments = URLPath.segments(incoming.path)
        var matched: (ProviderRoute, [String: String])?
        var allowed: [String] = []
        for route in entry.routes {
            guard let captures = route.match(pathSegments) else { continue }
            if route.method == incoming.method { matched = (route, captures); break }
            allowed.append(route.method)
        }
        // The credential decides the world, and an adapter reads it from the request itself.
        var request = ProviderRequest(method: incoming.method, path: incoming.path, query: incoming.query, headers: incoming.headers,
                                      authority: incoming.authority, body: incoming.body, parameters: matched?.1 ?? [:],
                                      world: resolver.world(forCredential: nil))
        request.world = resolver.world(forCredential: adapter.credential(of: request))
        let ticket = JournalTicket(draft: Self.journalDraft(adapter, request), started: incoming.started)
        request.ticket = ticket
        return Routed(adapter: adapter, request: request, route: matched?.0, allowed: allowed, tooLarge: incoming.tooLarge, ticket: ticket)
    }

    /// The answer to a routed request when no fault applies: its route's, or the provider's own
    /// 413, 405 or 404. Journalled; synchronous (one transaction on the world).
    func answer(_ routed: Routed) -> ProviderResponse {
        let request = routed.request
        let response: ProviderResponse
        if routed.tooLarge {
            response = routed.adapter.render(.payloadTooLarge(limit: maxBodySize), for: request)
        } else if let route = routed.route {
            response = route.handler(request)
        } else if !routed.allowed.isEmpty {
            response = routed.adapter.render(.methodNotAllowed(allowed: routed.allowed), for: request)
        } else {
            response = routed.adapter.render(.notFound, for: request)
        }
        journal(routed.world, routed.ticket, response)
        return response
    }

    /// Answers a provider request through Hummingbird; nil when no provider owns the path.
    ///
    /// The live server answers most provider requests in `ProviderChannelHandler` instead, and
    /// hands this path the ones a fault may delay or drop (and any request pipelined behind an
    /// admin request). Both go through `route` and `answer`.
    public func respond(to request: Request, context: TelesimRequestContext) async -> Response? {
        let path = request.uri.path
        guard let entry = entry(for: path) else { return nil }
        let started = DispatchTime.now().uptimeNanoseconds
        var request = request
        var body: [UInt8] = []
        var tooLarge = false
        do {
            let buffer = try await request.collectBody(upTo: maxBodySize)
            body = Array(buffer.readableBytesView)
        } catch {
            tooLarge = true
        }
        let incoming = Incoming(method: request.method.rawValue, path: path, query: request.uri.query ?? "", headers: request.headers,
                                authority: request.head.authority, body: body, tooLarge: tooLarge, started: started)
        let routed = route(incoming, entry)
        let world = routed.world
        let adapterName = routed.adapter.name
        let method = incoming.method
        let fault = world.hasFaultRules ? world.transact { $0.fault(provider: adapterName, method: method, path: path) } : nil
        if let delay = fault?.delay, delay > 0 {
            try? await Task.sleep(for: .milliseconds(delay))
        }
        let response: ProviderResponse
        switch fault?.respond {
        case .drop:
            logger.debug("fault: dropping connection", metadata: ["provider": "\(adapterName)", "path": "\(path)"])
            journal(world, routed.ticket, ProviderResponse(status: 0, body: ""))
            try? await context.channel.close()
            return Response(status: .internalServerError)
        case .error(let neutral):
            response = routed.adapter.render(.fault(neutral), for: routed.request)
            journal(world, routed.ticket, response)
        case .raw(let status, let rawBody):
            response = ProviderResponse(status: status, headers: [Header("Content-Type", "application/json")], body: rawBody)
            journal(world, routed.ticket, response)
        case nil:
            response = answer(routed)
        }
        return Self.hummingbirdResponse(response)
    }

    /// Records the exchange in its own transaction (when the handler did not: see `ProviderRequest.transact`).
    func journal(_ world: World, _ ticket: JournalTicket, _ response: ProviderResponse) {
        guard let entry = ticket.claim(response) else { return }
        world.transact { $0.record(entry) }
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
        Response(status: HTTPResponse.Status(code: response.status), headers: fields(response),
                 body: ResponseBody(byteBuffer: ByteBuffer(string: response.body)))
    }

    /// The provider's headers as HTTP fields (a header whose name is not a valid field name is left
    /// out), with room for `extra` more.
    static func fields(_ response: ProviderResponse, extra: Int = 0) -> HTTPFields {
        var fields = HTTPFields()
        fields.reserveCapacity(response.headers.count + extra)
        for header in response.headers {
            if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
        }
        return fields
    }

    /// The answer as `ProviderChannelHandler` writes it: the bytes NIO's encoder writes for
    /// `hummingbirdResponse`'s once Hummingbird has completed it (the provider's headers, then
    /// Content-Length and Date).
    static func write(_ response: ProviderResponse, into buffer: inout ByteBuffer) {
        var fields = fields(response, extra: 2)
        if !fields.contains(.contentLength) { fields[.contentLength] = String(response.body.utf8.count) }
        fields[.date] = HTTPDate.now
        buffer.writeStaticString("HTTP/1.1 ")
        buffer.writeString(String(response.status))
        buffer.writeStaticString(" ")
        buffer.writeString(HTTPResponseStatus(statusCode: response.status).reasonPhrase)
        buffer.writeStaticString("\r\n")
        for field in fields {
            buffer.writeString(field.name.rawName)
            buffer.writeStaticString(": ")
            buffer.writeString(field.value)
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("\r\n")
        buffer.writeString(response.body)
    }
}
