import TelesimCore
import TelesimWebhooks
import Testing

/// Deliveries against a real local receiver: what arrives, and what each way of failing reports.
@Suite struct HTTPWebhookTransportTests {
    @Test func deliversExactBodyAndHeaders() async throws {
        try await withReceiver { port, transport, inbox in
            let body = #"{"event":"call.answered","id":"c1","note":"café ☎"}"#
            let result = await transport.send(.json("http://127.0.0.1:\(port)/hook", body: body))

            #expect(result.status == 200)
            #expect(result.error == nil)
            #expect(result.responseExcerpt == #"{"received":true}"#)
            #expect(result.durationMs >= 0)
            #expect(result.startedAt > 1_600_000_000_000)
            #expect(result.sentHeaders.map(\.name) == ["Host", "Content-Type", "X-Event", "User-Agent", "Content-Length"])

            let received = try #require(await inbox.received.first)
            #expect(received.path == "/hook")
            #expect(received.body == body)
            #expect(received.authority == "127.0.0.1:\(port)")
            #expect(received.header("Content-Type") == "application/json")
            #expect(received.header("X-Event") == "call.answered")
            #expect(received.header("User-Agent") == "telesim-webhooks/1.0")
            #expect(received.header("Content-Length") == String(body.utf8.count))
            // Exactly what the result says was sent arrived, in order (Host arrives as the authority).
            #expect(received.headers == result.sentHeaders.filter { $0.name != "Host" })
        }
    }

    @Test(arguments: [SignatureSpec.Scheme.hex, .prefixedHex, .timestamped])
    func signatureVerifiesAtTheReceiver(scheme: SignatureSpec.Scheme) async throws {
        try await withReceiver { port, transport, inbox in
            let spec = SignatureSpec(header: "X-Telesim-Signature", secret: "whsec_test", scheme: scheme)
            let result = await transport.send(.json("http://127.0.0.1:\(port)/hook", signature: spec,
                                                    simulatedAt: 1_700_000_000_500))
            #expect(result.status == 200)
            let received = try #require(await inbox.received.first)
            let signature = try #require(received.header("X-Telesim-Signature"))
            #expect(result.sentHeaders.contains(Header("X-Telesim-Signature", signature)))

            // Recomputed the way a receiver would, from the bytes it got.
            let mac = { (message: String) in WebhookSignature.hmacSHA256Hex(secret: "whsec_test", message: message) }
            switch scheme {
            case .hex: #expect(signature == mac(received.body))
            case .prefixedHex: #expect(signature == "sha256=" + mac(received.body))
            case .timestamped: #expect(signature == "t=1700000000,v1=" + mac("1700000000." + received.body))
            }
        }
    }

    @Test func expandsTelesimBaseURLSetAfterStart() async throws {
        let base = WebhookBaseURL()
        try await withReceiver(baseURL: base) { port, transport, inbox in
            let early = await transport.send(.json("${telesim}/hook"))
            #expect(early.status == nil)
            #expect(early.error?.contains("not known yet") == true)

            await base.set("http://127.0.0.1:\(port)")
            let result = await transport.send(.json("${telesim}/hook"))
            #expect(result.status == 200)
            #expect(await inbox.received.count == 1)
        }
    }

    @Test func serverErrorIsAResultWithItsStatus() async throws {
        try await withReceiver { port, transport, _ in
            let result = await transport.send(.json("http://127.0.0.1:\(port)/fail"))
            #expect(result.status == 500)
            #expect(result.error == nil)
            #expect(result.responseExcerpt == "boom")
        }
    }

    @Test func connectionRefusedIsAnError() async throws {
        try await withReceiver { _, transport, _ in
            // Port 1 (tcpmux) has no listener on any machine these tests run on.
            let result = await transport.send(.json("http://127.0.0.1:1/hook"))
            #expect(result.status == nil)
            #expect(result.error?.contains("connection refused") == true, "\(result.error ?? "nil")")
            #expect(result.sentHeaders.contains(Header("Content-Type", "application/json")))
        }
    }

    @Test func silentReceiverTimesOut() async throws {
        try await withReceiver(configuration: .init(timeout: .milliseconds(300))) { port, transport, _ in
            let result = await transport.send(.json("http://127.0.0.1:\(port)/slow"))
            #expect(result.status == nil)
            #expect(result.error?.contains("timed out after 300ms") == true, "\(result.error ?? "nil")")
        }
    }

    @Test func receiverClosingMidResponseIsAnError() async throws {
        try await withReceiver { port, transport, _ in
            let result = await transport.send(.json("http://127.0.0.1:\(port)/cut"))
            #expect(result.status == nil)
            #expect(result.error?.contains("closed") == true, "\(result.error ?? "nil")")
        }
    }

    @Test func garbageAnswerIsAnError() async throws {
        let server = try await GarbageServer.start()
        let transport = HTTPWebhookTransport()
        let result = await transport.send(.json("http://127.0.0.1:\(server.port)/hook"))
        try await transport.shutdown()
        try await server.stop()
        #expect(result.status == nil)
        #expect(result.error != nil)
    }

    @Test func endlessBodyIsCutAtTheCap() async throws {
        try await withReceiver(configuration: .init(maxResponseBytes: 8 * 1024)) { port, transport, _ in
            let result = await transport.send(.json("http://127.0.0.1:\(port)/endless"))
            #expect(result.status == 200)
            #expect(result.responseExcerpt == String(repeating: "x", count: 512))
        }
    }

    @Test(arguments: ["not a url", "ftp://127.0.0.1/hook", "http:///hook", "unix:///tmp/telesim.sock"])
    func invalidURLIsAnError(url: String) async throws {
        try await withReceiver { _, transport, _ in
            let result = await transport.send(.json(url))
            #expect(result.status == nil)
            #expect(result.error?.hasPrefix("invalid URL") == true, "\(result.error ?? "nil")")
            #expect(result.sentHeaders.contains(Header("X-Event", "call.answered")))
        }
    }

    @Test func unknownHostIsAnError() async throws {
        try await withReceiver { _, transport, _ in
            let result = await transport.send(.json("http://telesim-no-such-host.invalid/hook"))
            #expect(result.status == nil)
            #expect(result.error != nil)
        }
    }
}
