@testable import ProviderKit
import Logging
import TelesimCore
import Testing

@Suite struct ProviderRouteTests {
    @Test(arguments: ["", "/", "//", "/v2/accounts/bench/calls", "/v2/accounts/bench/calls/", "v1//calls///x", "/a", "a/b",
                      "/%E2%82%AC/ünï/📞/x"])
    func segmentsAreTheSlashSeparatedParts(path: String) {
        #expect(URLPath.segments(path) == path.split(separator: "/"))
    }

    @Test func aSlashIsASeparatorEvenBeforeACombiningMark() {
        // By characters "/\u{301}" is one character that is not "/"; URLs separate segments by the byte.
        #expect(URLPath.segments("/a/\u{301}b").map(String.init) == ["a", "\u{301}b"])
    }

    @Test func capturesAreNamedAndLiteralsMustMatch() {
        let route = ProviderRoute("GET", "/v2/accounts/{account_sid}/calls/{call_sid}") { _ in ProviderResponse(status: 200, body: "") }
        #expect(route.match(URLPath.segments("/v2/accounts/AC%201/calls/c9")) == ["account_sid": "AC 1", "call_sid": "c9"])
        #expect(route.match(URLPath.segments("/v2/accounts/AC1/call/c9")) == nil)
        #expect(route.match(URLPath.segments("/v2/accounts/AC1/calls")) == nil)
    }
}

@Suite struct PrefixOwnershipTests {
    struct Owner: ProviderAdapter {
        let name: String
        let prefixes: [String]
        var routes: [ProviderRoute] { [] }
        func credential(of request: ProviderRequest) -> String? { nil }
        func render(_ error: EdgeError, for request: ProviderRequest) -> ProviderResponse { ProviderResponse(status: 404, body: "") }
        var observer: (any CallObserver)? { nil }
        var openAPI: JSON { .null }
    }
    struct NoWorlds: WorldResolver {
        func world(forCredential credential: String?) -> World { fatalError("not asked for in these tests") }
    }

    @Test(arguments: [
        ("/v1/calls", "v1"), ("/v1", "v1"), ("/v1/", "v1"), ("/v1/masking", "masking"), ("/v1/masking/calls", "masking"),
        ("/v1/maskingx", "v1"), ("/v1x", nil), ("/v", nil), ("/api", "api"), ("/api/v4/voice/calls", "api"), ("/ap", nil),
        ("", nil), ("/", nil), ("/V1/calls", nil), ("/v1€/calls", nil),
    ] as [(String, String?)])
    func theLongestPrefixOwnsAPath(path: String, owner: String?) {
        let dispatcher = ProviderDispatcher(adapters: [Owner(name: "v1", prefixes: ["/v1"]), Owner(name: "masking", prefixes: ["/v1/masking/"]),
                                                       Owner(name: "api", prefixes: ["/api/"])],
                                            resolver: NoWorlds(), logger: Logger(label: "test"))
        #expect(dispatcher.adapter(for: path)?.name == owner)
    }

    @Test func aRootPrefixOwnsEveryPathUnderIt() {
        let dispatcher = ProviderDispatcher(adapters: [Owner(name: "root", prefixes: ["/"]), Owner(name: "v1", prefixes: ["/v1"])],
                                            resolver: NoWorlds(), logger: Logger(label: "test"))
        #expect(dispatcher.adapter(for: "/v1/calls")?.name == "v1")
        #expect(dispatcher.adapter(for: "/other")?.name == "root")
        #expect(dispatcher.adapter(for: "")?.name == "root")
    }
}
