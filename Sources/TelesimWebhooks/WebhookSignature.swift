import Crypto
import Foundation
import TelesimCore

/// The HMAC-SHA256 signatures providers put on their webhooks.
///
/// Public so that provider documentation, tests and receivers written against telesim can verify a
/// delivery with exactly the code that signed it; this target is the only one that links Crypto.
public enum WebhookSignature {
    /// Lower-case hex of HMAC-SHA256(`secret`, `message`), both taken as their UTF-8 bytes.
    ///
    /// Strings rather than bytes because every provider signs the JSON text it sends and keeps its
    /// secret as text; the UTF-8 encoding is the one that goes on the wire.
    public static func hmacSHA256Hex(secret: String, message: String) -> String {
        hmacSHA256Hex(secret: secret, message: Array(message.utf8))
    }

    /// Lower-case hex of HMAC-SHA256(`secret`, `message`) over raw bytes.
    public static func hmacSHA256Hex(secret: String, message: [UInt8]) -> String {
        let key = SymmetricKey(data: Array(secret.utf8))
        let code = HMAC<SHA256>.authenticationCode(for: message, using: key)
        return hex(code)
    }

    /// The header a delivery carries for `spec`, signing `body` as sent.
    ///
    /// - Parameters:
    ///   - spec: the provider's header name, secret and scheme.
    ///   - body: the exact body text; the signature covers its UTF-8 bytes, so it must be the
    ///     string that is sent, not a re-encoding of it.
    ///   - simulatedAt: the simulated instant of the attempt (ms since the epoch). Only the
    ///     `.timestamped` scheme uses it, as whole seconds, so that a replayed world signs the
    ///     same way and receivers checking the timestamp see simulated time, not wall time.
    public static func header(for spec: SignatureSpec, body: String, simulatedAt: Int64) -> Header {
        Header(spec.header, value(for: spec, body: body, simulatedAt: simulatedAt))
    }

    /// The signature header's value alone.
    static func value(for spec: SignatureSpec, body: String, simulatedAt: Int64) -> String {
        switch spec.scheme {
        case .hex:
            return hmacSHA256Hex(secret: spec.secret, message: body)
        case .prefixedHex:
            return "sha256=" + hmacSHA256Hex(secret: spec.secret, message: body)
        case .timestamped:
            let seconds = unixSeconds(simulatedAt)
            return "t=\(seconds),v1=" + hmacSHA256Hex(secret: spec.secret, message: "\(seconds).\(body)")
        }
    }

    /// Whole seconds, rounded down even before 1970, so `t` never runs ahead of the instant.
    static func unixSeconds(_ milliseconds: Int64) -> Int64 {
        milliseconds >= 0 ? milliseconds / 1000 : -((-milliseconds + 999) / 1000)
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
