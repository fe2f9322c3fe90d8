import HTTPTypes

/// The head of an HTTP/1.1 request, read straight from the connection's bytes by
/// `ProviderChannelHandler`.
///
/// The parser accepts only the plain, common form of a request: `METHOD /target HTTP/1.1` (GET,
/// POST, PUT, PATCH, DELETE or OPTIONS), one
/// `Name: value` per line, CRLF line ends, the body (if any) framed by one Content-Length. Anything
/// else (HTTP/1.0, chunked bodies, `Expect`, `Upgrade`, obsolete line folding, bytes outside
/// visible ASCII, a malformed line) is `unsupported`: the connection is then left to Hummingbird's
/// own HTTP decoder, which answers or refuses it exactly as it always did.
struct RequestHead {
    var method: String
    /// The request target as sent (origin form: a path and an optional query).
    var target: String
    /// The header fields as Hummingbird sees them: the first `Host` is the `authority`, not a field
    /// (as `NIOHTTPTypesHTTP1` converts a head), and `Cookie` is split at `"; "`.
    var fields: HTTPFields
    /// The first `Host` value.
    var authority: String?
    var contentLength: Int
    /// `Connection: close`: the connection ends after the answer.
    var close: Bool
    /// Bytes of the head, from the method to the blank line included.
    var length: Int

    enum Parse {
        /// The head has not all arrived yet.
        case incomplete
        /// Not a request this parser reads (see `RequestHead`).
        case unsupported
        case head(RequestHead)
    }

    /// Reads the head at the start of `bytes`; `maxLength` bounds how long a head may be.
    static func parse(_ bytes: UnsafeRawBufferPointer, maxLength: Int) -> Parse {
        guard let end = headEnd(bytes) else { return bytes.count > maxLength ? .unsupported : .incomplete }
        guard end <= maxLength else { return .unsupported }
        var i = 0
        // Request line: method SP target SP HTTP/1.1 CRLF.
        let methodStart = i
        while i < end, isToken(bytes[i]) { i += 1 }
        guard i > methodStart, i < end, bytes[i] == space else { return .unsupported }
        let method = string(bytes, methodStart..<i)
        // Methods the providers' routes can answer (405 for the others they do not serve). HEAD (an
        // answer without a body), CONNECT and the methods NIO's parser knows or refuses stay with it.
        guard methods.contains(method) else { return .unsupported }
        i += 1
        let targetStart = i
        guard i < end, bytes[i] == UInt8(ascii: "/") else { return .unsupported }
        while i < end, bytes[i] > space, bytes[i] < 0x7F { i += 1 }
        guard i < end, bytes[i] == space else { return .unsupported }
        let target = string(bytes, targetStart..<i)
        i += 1
        for b in "HTTP/1.1\r\n".utf8 {
            guard i < end, bytes[i] == b else { return .unsupported }
            i += 1
        }

        var head = RequestHead(method: method, target: target, fields: HTTPFields(), authority: nil, contentLength: 0, close: false, length: end)
        var sawLength = false
        // Header lines, up to the blank line that ends the head.
        while i < end - 2 {
            let nameStart = i
            while i < end, isToken(bytes[i]) { i += 1 }
            guard i > nameStart, i < end, bytes[i] == UInt8(ascii: ":") else { return .unsupported }
            let nameEnd = i
            i += 1
            while i < end, bytes[i] == space || bytes[i] == tab { i += 1 }
            let valueStart = i
            var valueEnd = i
            while i < end, bytes[i] != UInt8(ascii: "\r") {
                let b = bytes[i]
                guard b == tab || (b >= space && b < 0x7F) else { return .unsupported }
                i += 1
                if b != space, b != tab { valueEnd = i }
            }
            guard i + 1 < end, bytes[i + 1] == UInt8(ascii: "\n") else { return .unsupported }
            i += 2
            let name = string(bytes, nameStart..<nameEnd)
            let value = string(bytes, valueStart..<valueEnd)
            switch special(bytes, nameStart..<nameEnd) {
            case .host where head.authority == nil:
                head.authority = value
                continue
            case .contentLength:
                guard !sawLength, !value.isEmpty, value.utf8.count <= 12, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                      let length = Int(value) else { return .unsupported }
                sawLength = true
                head.contentLength = length
            case .connection:
                switch value.lowercased() {
                case "close": head.close = true
                case "keep-alive": break
                default: return .unsupported
                }
            case .refused:
                return .unsupported
            case .cookie:
                guard let fieldName = HTTPField.Name(name) else { return .unsupported }
                for part in value.split(separator: "; ", omittingEmptySubsequences: false) {
                    head.fields.append(HTTPField(name: fieldName, value: String(part)))
                }
                continue
            case .host, nil:
                break
            }
            guard let fieldName = HTTPField.Name(name) else { return .unsupported }
            head.fields.append(HTTPField(name: fieldName, value: value))
        }
        return .head(head)
    }

    private static let methods: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    /// The offset just past the head's blank line (`CRLF CRLF`), if it has arrived.
    private static func headEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var i = 3
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") {
                if bytes[i - 1] == UInt8(ascii: "\r"), bytes[i - 2] == UInt8(ascii: "\n"), bytes[i - 3] == UInt8(ascii: "\r") { return i + 1 }
                i += 1
            } else if bytes[i] == UInt8(ascii: "\r") {
                i += 1
            } else {
                // Neither byte of the terminator: it cannot end within the next three bytes.
                i += 4
            }
        }
        return nil
    }

    /// RFC 9110 `tchar`.
    private static func isToken(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func string(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The header names the parser acts on.
    private enum Special {
        case host, contentLength, connection, cookie
        /// Transfer-Encoding, Expect, Upgrade: left to Hummingbird.
        case refused
    }

    private static let specials: [(name: StaticString, kind: Special)] = [
        ("host", .host), ("content-length", .contentLength), ("connection", .connection), ("cookie", .cookie),
        ("transfer-encoding", .refused), ("expect", .refused), ("upgrade", .refused),
    ]

    /// Which special name the bytes spell, compared case-insensitively (without building a string).
    private static func special(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Special? {
        for (name, kind) in specials where name.utf8CodeUnitCount == range.count {
            var same = true
            var i = range.lowerBound
            for b in UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount) {
                let c = bytes[i]
                if (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c | 0x20 : c) != b { same = false; break }
                i += 1
            }
            if same { return kind }
        }
        return nil
    }
}
