import HTTPTypes
import Hummingbird
import ProviderKit
import TelesimCore

/// Requires `Authorization: Bearer <token>` on admin requests when a token is set, except
/// `GET …/health` (container health checks) and `POST …/sink/{name}` (webhooks the simulator
/// sends to itself). The token is compared in constant time.
public struct AdminAuthMiddleware: RouterMiddleware {
    public typealias Context = TelesimRequestContext
    let token: String?

    public init(token: String?) { self.token = token }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token, !Self.isOpen(request) else { return try await next(request, context) }
        let presented = request.headers[.authorization].flatMap { value -> String? in
            let parts = value.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
            return String(parts[1])
        }
        guard let presented, Self.constantTimeEqual(presented, token) else {
            var headers = HTTPFields()
            headers[.wwwAuthenticate] = "Bearer realm=\"telesim admin\""
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .unauthorized, headers: headers,
                            body: .init(byteBuffer: .init(string: #"{"error":"admin token required: send Authorization: Bearer <token>"}"#)))
        }
        return try await next(request, context)
    }

    static func isOpen(_ request: Request) -> Bool {
        let path = request.uri.path
        if request.method == .get, path == "/_telesim/health" || (path.hasPrefix("/_telesim/sandboxes/") && path.hasSuffix("/health")) {
            return true
        }
        if request.method == .post {
            let parts = path.split(separator: "/")
            // /_telesim/sink/{name} or /_telesim/sandboxes/{id}/sink/{name}
            if parts.count == 3, parts[1] == "sink" { return true }
            if parts.count == 5, parts[1] == "sandboxes", parts[3] == "sink" { return true }
        }
        return false
    }

    /// Compares without an early exit, so the time taken does not reveal how much of a guess matched.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return diff == 0
    }
}

/// Renders anything the router throws (unknown admin path, wrong method) as `{"error":"…"}`.
public struct AdminErrorMiddleware: RouterMiddleware {
    public typealias Context = TelesimRequestContext
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let message = error.status == .notFound ? "no admin route \(request.method.rawValue) \(request.uri.path)" : (error.body ?? "\(error.status)")
            return AdminController.json(error.status, .obj(["error": .string(message)]))
        } catch {
            return AdminController.json(.internalServerError, .obj(["error": .string("internal error")]))
        }
    }
}
