import Hummingbird
import NIOCore
import ProviderKit
import TelesimCore

/// The one responder: `/_telesim/…` goes to the admin router, every other path to the provider
/// that owns it, and a path no provider owns gets telesim's own JSON 404.
public struct TelesimResponder: HTTPResponder {
    public typealias Context = TelesimRequestContext
    let admin: RouterResponder<TelesimRequestContext>
    let providers: ProviderDispatcher

    public func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        if ProviderDispatcher.isAdminPath(path) {
            return try await admin.respond(to: request, context: context)
        }
        if let response = await providers.respond(to: request, context: context) { return response }
        let body = JSON.obj(["error": .string("no provider serves \(request.method.rawValue) \(path)"),
                             "providers": .array(providers.adapters.flatMap { $0.prefixes }.map(JSON.string))])
        return ProviderDispatcher.hummingbirdResponse(.json(404, body))
    }
}
