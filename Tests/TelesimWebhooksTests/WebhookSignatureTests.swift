import TelesimCore
import Testing
@testable import TelesimWebhooks

/// Signatures against vectors computed outside Swift (RFC 4231-style known answers and Python's
/// `hmac`), so a wrong key or message encoding cannot agree with itself.
@Suite struct WebhookSignatureTests {
    @Test func knownVector() {
        #expect(WebhookSignature.hmacSHA256Hex(secret: "key", message: "The quick brown fox jumps over the lazy dog")
            == "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
    }

    @Test func signsUTF8Bytes() {
        #expect(WebhookSignature.hmacSHA256Hex(secret: "k", message: "café")
            == "ab65517063e60db44e0ff6bb4aa95ec6f3143f30c467853214ebaf5b28bc343d")
    }

    @Test func hexScheme() {
        let spec = SignatureSpec(header: "X-Signature", secret: "s3cret", scheme: .hex)
        let header = WebhookSignature.header(for: spec, body: #"{"event":"call.answered"}"#, simulatedAt: 0)
        #expect(header == Header("X-Signature", "4feb485441c0d7c675eafd7368fb36d298440a165a6762761a0a1a0bccadd75c"))
    }

    @Test func prefixedHexScheme() {
        let spec = SignatureSpec(header: "X-Hub-Signature-256", secret: "s3cret", scheme: .prefixedHex)
        let header = WebhookSignature.header(for: spec, body: #"{"event":"call.answered"}"#, simulatedAt: 0)
        #expect(header.value == "sha256=4feb485441c0d7c675eafd7368fb36d298440a165a6762761a0a1a0bccadd75c")
    }

    @Test func timestampedSchemeUsesSimulatedSeconds() {
        let spec = SignatureSpec(header: "Stripe-Signature", secret: "whsec_test", scheme: .timestamped)
        let header = WebhookSignature.header(for: spec, body: #"{"id":"evt_1"}"#, simulatedAt: 1_700_000_000_999)
        #expect(header.value == "t=1700000000,v1=c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925")
    }

    @Test(arguments: [(Int64(0), Int64(0)), (999, 0), (1000, 1), (-1, -1), (-1000, -1), (-1001, -2)])
    func secondsRoundDown(milliseconds: Int64, seconds: Int64) {
        #expect(WebhookSignature.unixSeconds(milliseconds) == seconds)
    }
}
