import ProviderKit
import TelesimCore

/// Voiso's error catalogue: every error this adapter returns, with its HTTP status.
///
/// Voiso v4 answers in two shapes (error-codes page): `{"error":"Unauthorized"}` for 400, 401, 403,
/// 404 and 429, and `{"errors":{"field":["message"]}}` for 422, with messages in the wording of
/// Ruby's dry-validation ("is missing", "must be a string"), as the seed page's example shows.
enum VoisoError: Error, Sendable, Equatable {
    /// 400: malformed JSON, a body that is not an object, an invalid offset or limit.
    case badRequest
    /// 401: no key, an unknown key, or a key of another cluster than the host names.
    case unauthorized
    /// 403: the key lacks the scope, or the agent lacks click-to-call.
    case forbidden
    /// 422: one entry per bad field, all at once; nested objects nest (`source.account_id`).
    case validation(FieldErrors)
    /// 429: past the contact centre's `rate_limit`; `retryAfter` in seconds of simulated time.
    case tooManyRequests(retryAfter: Int64)
    case notFound
    case methodNotAllowed([String])
    case payloadTooLarge
    case internalError
    case unavailable

    /// A 422 with one message on one field.
    static func field(_ name: String, _ message: String) -> VoisoError {
        var e = FieldErrors()
        e.add(name, message)
        return .validation(e)
    }

    /// The HTTP status of each error.
    var status: Int {
        switch self {
        case .badRequest: 400
        case .unauthorized: 401
        case .forbidden: 403
        case .validation: 422
        case .tooManyRequests: 429
        case .notFound: 404
        case .methodNotAllowed: 405
        case .payloadTooLarge: 413
        case .internalError: 500
        case .unavailable: 503
        }
    }

    /// The `error` text of the single-message shape (the error-codes page's wording).
    var message: String {
        switch self {
        case .badRequest: "Bad Request"
        case .unauthorized: "Unauthorized"
        case .forbidden: "Forbidden"
        case .validation: "Unprocessable Entity"
        case .tooManyRequests: "Too many requests"
        case .notFound: "Not found"
        case .methodNotAllowed: "Method Not Allowed"
        case .payloadTooLarge: "Payload Too Large"
        case .internalError: "Internal Server Error"
        case .unavailable: "Service Unavailable"
        }
    }

    /// The rendered response.
    var response: ProviderResponse {
        switch self {
        case .validation(let errors):
            return .json(422, .obj(["errors": errors.json]))
        case .tooManyRequests(let retryAfter):
            return .json(429, .obj(["error": .string(message)]), headers: [Header("Retry-After", String(max(1, retryAfter)))])
        case .methodNotAllowed(let allowed):
            return .json(405, .obj(["error": .string(message)]), headers: [Header("Allow", allowed.joined(separator: ", "))])
        default:
            return .json(status, .obj(["error": .string(message)]))
        }
    }
}

/// The `errors` object of a 422: field names to message lists, nested for nested objects, in the
/// order the fields were checked so the same request always gives the same bytes.
struct FieldErrors: Sendable, Equatable {
    /// The `errors` object as rendered.
    private(set) var json: JSON = .object([])

    /// True when no field failed: the request goes on.
    var isEmpty: Bool { json.objectValue?.isEmpty ?? true }

    /// Adds `message` under a dotted path (`source.account_id` nests under `source`).
    mutating func add(_ path: String, _ message: String) {
        json = Self.adding(message, at: path.split(separator: ".").map(String.init)[...], to: json)
    }

    private static func adding(_ message: String, at path: ArraySlice<String>, to node: JSON) -> JSON {
        guard let key = path.first else { return node }
        var node = node.isObject ? node : .object([])
        if path.count == 1 {
            let list = node[key]?.arrayValue ?? []
            node[key] = .array(list + [.string(message)])
        } else {
            node[key] = adding(message, at: path.dropFirst(), to: node[key] ?? .object([]))
        }
        return node
    }

    /// Whether a top-level field already has a message (so world checks skip fields that failed shape checks).
    func has(_ field: String) -> Bool { json[field] != nil }
}
