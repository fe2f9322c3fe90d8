import HTTPTypes
import Testing

@testable import ProviderKit

/// `RequestHead` reads the plain form of an HTTP/1.1 head and leaves everything else to
/// Hummingbird's decoder (`unsupported`), so what it accepts must mean exactly what that decoder
/// would make of it.
@Suite struct RequestHeadTests {
    static func parse(_ text: String, maxLength: Int = 80 * 1024) -> RequestHead.Parse {
        Array(text.utf8).withUnsafeBytes { RequestHead.parse($0, maxLength: maxLength) }
    }

    @Test func aPlainHeadIsReadAsHummingbirdWouldSeeIt() throws {
        let text = "POST /v1/calls?x=1 HTTP/1.1\r\nHost: api.example:8080\r\nAuthorization:  Bearer k \t\r\nCookie: a=1; b=2\r\n"
            + "Content-Length: 12\r\nX-Empty:\r\nHost: second\r\n\r\n{\"a\":\"body\"}"
        guard case .head(let head) = Self.parse(text) else { Issue.record("not read"); return }
        #expect(head.method == "POST")
        #expect(head.target == "/v1/calls?x=1")
        #expect(head.authority == "api.example:8080")
        #expect(head.contentLength == 12)
        #expect(!head.close)
        #expect(head.length == text.utf8.count - 12)
        // The first Host is the authority; values lose surrounding blanks; cookies are split.
        #expect(head.fields.map { "\($0.name.rawName)=\($0.value)" }
            == ["Authorization=Bearer k", "Cookie=a=1", "Cookie=b=2", "Content-Length=12", "X-Empty=", "Host=second"])
    }

    @Test func connectionCloseAndKeepAliveAreUnderstood() {
        guard case .head(let close) = Self.parse("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n") else { Issue.record("not read"); return }
        #expect(close.close)
        guard case .head(let keep) = Self.parse("GET / HTTP/1.1\r\nconnection: keep-alive\r\n\r\n") else { Issue.record("not read"); return }
        #expect(!keep.close)
    }

    @Test(arguments: ["", "GET / HTTP/1.1\r\n", "GET / HTTP/1.1\r\nHost: a\r\n", "GET / HTTP/1.1\r\nHost: a\r\n\r"])
    func aHeadNotAllArrivedIsIncomplete(_ text: String) {
        guard case .incomplete = Self.parse(text) else { Issue.record("\(Self.parse(text))"); return }
    }

    @Test(arguments: [
        "GET / HTTP/1.0\r\n\r\n",                                          // HTTP/1.0 keep-alive rules
        "HEAD / HTTP/1.1\r\n\r\n",                                         // an answer without its body
        "FOO / HTTP/1.1\r\n\r\n",                                          // a method NIO's parser refuses
        "get / HTTP/1.1\r\n\r\n",
        "GET http://a/b HTTP/1.1\r\n\r\n",                                 // absolute form
        "GET  / HTTP/1.1\r\n\r\n",                                         // two spaces
        "GET / HTTP/1.1\nHost: a\r\n\r\n",                                 // bare LF
        "GET / HTTP/1.1\r\nHost : a\r\n\r\n",                              // space before the colon
        "GET / HTTP/1.1\r\nX-A: a\r\n folded\r\n\r\n",                     // obsolete line folding
        "GET / HTTP/1.1\r\nX-A: caf\u{e9}\r\n\r\n",                        // bytes outside ASCII
        "GET / HTTP/1.1\r\nX-A: a\u{1}b\r\n\r\n",                          // control bytes
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",           // chunked bodies
        "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n",
        "GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n",
        "GET / HTTP/1.1\r\nConnection: upgrade\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n",
        "\r\nGET / HTTP/1.1\r\n\r\n",                                      // a blank line first
    ])
    func anythingButThePlainFormIsLeftToHummingbird(_ text: String) {
        guard case .unsupported = Self.parse(text) else { Issue.record("\(Self.parse(text))"); return }
    }

    @Test func aHeadLongerThanTheLimitIsLeftToHummingbird() {
        let long = "GET / HTTP/1.1\r\nX-Pad: " + String(repeating: "p", count: 200) + "\r\n\r\n"
        guard case .unsupported = Self.parse(long, maxLength: 100) else { Issue.record("read"); return }
        guard case .unsupported = Self.parse(String(long.dropLast(4)), maxLength: 100) else { Issue.record("waited"); return }
    }
}
