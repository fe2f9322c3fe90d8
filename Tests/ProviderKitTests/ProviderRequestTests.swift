import ProviderKit
import Testing

@Suite struct ProviderRequestTests {
    @Test(arguments: [
        ("Bearer vp_live_abc", "vp_live_abc"),
        ("bearer vp_live_abc", "vp_live_abc"),
        ("BEARER  vp_live_abc \t", "vp_live_abc"),
        ("  Bearer key", "key"),
        ("Bearer a b", "a b"),
        ("Bearer", nil),
        ("Bearer ", nil),
        ("Bearer   ", nil),
        ("Bearerkey", nil),
        ("Basic dXNlcjpwYXNz", nil),
        ("Beare key", nil),
        ("", nil),
    ] as [(String, String?)])
    func bearerTokens(value: String, token: String?) {
        #expect(ProviderRequest.bearerToken(of: value) == token)
    }

    @Test(arguments: [
        ("application/json", true),
        ("Application/JSON; charset=utf-8", true),
        (" application/json ;charset=utf-8", true),
        ("application/vnd.api+json", true),
        ("application/problem+JSON", true),
        ("text/plain", false),
        ("application/jsonx", false),
        ("application/x-www-form-urlencoded", false),
        ("", false),
    ])
    func jsonContentTypes(value: String, json: Bool) {
        #expect(ProviderRequest.namesJSON(value) == json)
    }
}

@Suite struct EdgeIDTests {
    static func id(_ method: String, _ path: String, _ body: String = "", _ digits: Int = 32) -> String {
        ProviderRequest.edgeID(method: method, path: path, body: Array(body.utf8), hexDigits: digits)
    }

    @Test func theSameRequestGetsTheSameDigitsAndShorterIdsArePrefixes() {
        #expect(Self.id("GET", "/v1/nothing") == Self.id("GET", "/v1/nothing"))
        #expect(Self.id("GET", "/v1/nothing") != Self.id("GET", "/v1/other"))
        #expect(Self.id("POST", "/v1/nothing", "{}") != Self.id("POST", "/v1/nothing", "{ }"))
        #expect(Self.id("GET", "/v1/nothing").hasPrefix(Self.id("GET", "/v1/nothing", "", 12)))
        #expect(Self.id("GET", "/v1/nothing", "", 12).count == 12 && Self.id("GET", "/v1/nothing", "", 40).count == 40)
        #expect(Self.id("GET", "/v1/nothing").allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }
}
