import TelesimCore
import Testing
@testable import TelesimWebhooks

/// URL expansion and validation, and header assembly: the parts of an attempt decided before any
/// socket opens.
@Suite struct WebhookTargetTests {
    @Test func expandsTelesimVariable() throws {
        let target = try WebhookTarget("${telesim}/_telesim/sink/ringyo", baseURL: "http://127.0.0.1:51234")
        #expect(target.url == "http://127.0.0.1:51234/_telesim/sink/ringyo")
        #expect(target.hostHeader == "127.0.0.1:51234")
    }

    @Test func baseURLDropsTrailingSlash() async {
        let base = WebhookBaseURL("http://h:1/")
        #expect(await base.value == "http://h:1")
    }

    @Test func defaultPortIsLeftOutOfHost() throws {
        #expect(try WebhookTarget("https://example.test:443/x", baseURL: nil).hostHeader == "example.test")
        #expect(try WebhookTarget("http://example.test/x", baseURL: nil).hostHeader == "example.test")
    }

    @Test(arguments: [
        ("${telesim}/x", "not known yet"),
        ("", "empty"),
        ("not a url", "invalid URL"),
        ("/relative/path", "no scheme"),
        ("ftp://example.test/x", "unsupported scheme 'ftp'"),
        ("unix:///tmp/socket", "unsupported scheme 'unix'"),
        ("http:///nohost", "no host"),
    ])
    func rejects(url: String, mentioning fragment: String) {
        #expect {
            try WebhookTarget(url, baseURL: nil)
        } throws: { error in
            (error as? WebhookTarget.Invalid)?.message.contains(fragment) == true
        }
    }

    @Test func headersAreRecomputedOnRetry() {
        let spec = SignatureSpec(header: "X-Sig", secret: "s", scheme: .timestamped)
        let first = WebhookRequest(url: "http://h/x", headers: [Header("Content-Type", "application/json")],
                                   body: "{}", signature: spec, simulatedAt: 1000)
        let sent = WebhookHeaders.assemble(for: first, hostHeader: "h", userAgent: "ua/1")
        #expect(sent.map(\.name) == ["Host", "Content-Type", "User-Agent", "X-Sig", "Content-Length"])

        // The world feeds the sent headers back as the next attempt's input.
        let retry = WebhookRequest(url: "http://h:2/x", headers: sent, body: "{}", signature: spec, simulatedAt: 5000)
        let resent = WebhookHeaders.assemble(for: retry, hostHeader: "h:2", userAgent: "ua/1")
        #expect(resent.map(\.name) == sent.map(\.name))
        #expect(resent[0].value == "h:2")
        #expect(resent[3].value.hasPrefix("t=5,v1="))
        #expect(resent[4].value == "2")
    }

    @Test func keepsTheRequestsOwnUserAgent() {
        let request = WebhookRequest(url: "http://h/x", headers: [Header("user-agent", "Ringyo-Hookshot/3")],
                                     body: "", signature: nil, simulatedAt: 0)
        let sent = WebhookHeaders.assemble(for: request, hostHeader: nil, userAgent: "ua/1")
        #expect(sent == [Header("user-agent", "Ringyo-Hookshot/3"), Header("Content-Length", "0")])
    }
}
