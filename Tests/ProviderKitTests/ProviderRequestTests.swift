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
