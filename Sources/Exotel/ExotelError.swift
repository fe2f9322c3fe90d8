import ProviderKit
import TelesimCore

/// Exotel's error catalogue: every error this adapter returns, with its HTTP status and Exotel's
/// numeric code, rendered in the v2 envelope
/// `{"request_id","method","http_code","response":{"code","error_data":{"code","message","description"},"status":"failure","data":null}}`.
///
/// The make-call page documents the call errors (1010, 10731, 1012, 10705, 10706, 10716, 1100) by
/// status and code only; the envelope, the messages and the generic codes (1000, 1001, 1002, 1007,
/// 1011) follow Exotel's own v2 error reference for its sibling API; 1004 and 1009 are INFERRED.
enum ExotelError: Error, Sendable, Equatable {
    /// 401/1010: no or malformed Basic credentials, a wrong key or token, or another account's sid.
    case authenticationFailed
    /// 404/10731: no user matches `from`.
    case userNotFound(String)
    /// 409/1012: the user's device is OFF.
    case deviceOff
    /// 409/10705: the user's device is not verified.
    case deviceUnverified
    /// 409/10706: the user's device is busy, or the user is already on a call.
    case deviceBusy
    /// 404/10716: `virtual_number` is not one of the account's ExoPhones.
    case virtualNumberNotFound(String)
    /// 500/1100 (documented), also reached through injected faults.
    case internalError
    /// 503/1100: an injected `unavailable` fault (INFERRED: Exotel's code for server-side failure).
    case unavailable
    /// 400/1001: a mandatory field is missing; the associated value names it.
    case missingParameter(String)
    /// 400/1002: a field has the right type but an unacceptable value.
    case invalidParameter(String)
    /// 400/1007: the body is not JSON, or a field has the wrong JSON type.
    case invalidBody(String)
    /// 415/1011: the Content-Type is not JSON; the description is the type sent.
    case unsupportedContentType(String)
    /// 404/1000: no such call, or no such route.
    case notFound(String)
    /// 405/1004 (INFERRED): the path exists for other methods.
    case methodNotAllowed([String])
    /// 413/1007 (INFERRED): the body is larger than the limit.
    case payloadTooLarge(Int)
    /// 429/1009 (INFERRED code): the account's rate limit (Exotel documents 200 per minute).
    /// `retryAfter` is in seconds of simulated time until the oldest counted request leaves the window.
    case rateLimited(limit: Int, retryAfter: Int64)

    /// The HTTP status (also `http_code` and `response.code`).
    var status: Int {
        switch self {
        case .authenticationFailed: 401
        case .userNotFound, .virtualNumberNotFound, .notFound: 404
        case .deviceOff, .deviceUnverified, .deviceBusy: 409
        case .internalError: 500
        case .unavailable: 503
        case .missingParameter, .invalidParameter, .invalidBody: 400
        case .unsupportedContentType: 415
        case .methodNotAllowed: 405
        case .payloadTooLarge: 413
        case .rateLimited: 429
        }
    }

    /// Exotel's numeric code (`error_data.code`).
    var code: Int64 {
        switch self {
        case .authenticationFailed: 1010
        case .userNotFound: 10731
        case .deviceOff: 1012
        case .deviceUnverified: 10705
        case .deviceBusy: 10706
        case .virtualNumberNotFound: 10716
        case .internalError, .unavailable: 1100
        case .missingParameter: 1001
        case .invalidParameter: 1002
        case .invalidBody, .payloadTooLarge: 1007
        case .unsupportedContentType: 1011
        case .notFound: 1000
        case .methodNotAllowed: 1004
        case .rateLimited: 1009
        }
    }

    /// The error's category (`error_data.message`).
    var message: String {
        switch self {
        case .authenticationFailed: "Authorization failed"
        case .userNotFound: "User not found"
        case .deviceOff: "User device unavailable"
        case .deviceUnverified: "User device unverified"
        case .deviceBusy: "User device busy"
        case .virtualNumberNotFound: "Virtual number not found"
        case .internalError: "Internal Server Error"
        case .unavailable: "Service Unavailable"
        case .missingParameter: "Mandatory Parameter missing"
        case .invalidParameter: "Invalid parameter"
        case .invalidBody, .payloadTooLarge: "Invalid request body, failed parsing"
        case .unsupportedContentType: "unsupported content type"
        case .notFound: "Not Found"
        case .methodNotAllowed: "Method Not Allowed"
        case .rateLimited: "Too Many Requests"
        }
    }

    /// What exactly went wrong (`error_data.description`).
    var description: String {
        switch self {
        case .authenticationFailed: "Authorization failed"
        case .userNotFound(let who): "User not found: \(who). The agent must be added as a co-worker in the dashboard"
        case .deviceOff: "User device is OFF"
        case .deviceUnverified: "User device is not verified"
        case .deviceBusy: "User device is busy: the agent is on another call"
        case .virtualNumberNotFound(let n): "Virtual number \(n) not found in the account's ExoPhones"
        case .internalError: "Internal Server Error"
        case .unavailable: "Service temporarily unavailable"
        case .missingParameter(let field): "\(field) is mandatory"
        case .invalidParameter(let d), .invalidBody(let d), .notFound(let d): d
        case .unsupportedContentType(let type): type
        case .methodNotAllowed(let allowed): "Method not allowed; allowed: \(allowed.joined(separator: ", "))"
        case .payloadTooLarge(let limit): "request body exceeds \(limit) bytes"
        case .rateLimited(let limit, let retryAfter):
            limit > 0 ? "Rate limit of \(limit) requests per window exceeded; retry in \(retryAfter) s" : "Too many requests"
        }
    }

    /// The rendered response; `requestID` comes from the world's seeded generator.
    func response(requestID: String, method: String) -> ProviderResponse {
        var headers: [Header] = []
        if case .methodNotAllowed(let allowed) = self { headers.append(Header("Allow", allowed.joined(separator: ", "))) }
        if case .rateLimited(_, let retryAfter) = self { headers.append(Header("Retry-After", String(retryAfter))) }
        return .json(status, .obj([
            "request_id": .string(requestID),
            "method": .string(method),
            "http_code": .int(Int64(status)),
            "response": .obj([
                "code": .int(Int64(status)),
                "error_data": .obj(["code": .int(code), "message": .string(message), "description": .string(description)]),
                "status": "failure",
                "data": .null,
            ]),
        ]), headers: headers)
    }
}
