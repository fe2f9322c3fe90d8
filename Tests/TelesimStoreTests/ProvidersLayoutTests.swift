import TelesimCore
import Testing
@testable import TelesimStore

@Suite struct ProvidersLayoutTests {
    @Test func accountsBecomeRowsInOrder() {
        let (skeleton, accounts) = ProvidersLayout.split(Fixtures.providers)
        #expect(accounts.map { "\($0.provider)/\($0.account)" } == ["ringyo/acme", "ringyo/zeta", "voiso/17"])
        #expect(skeleton.serialized == #"{"ringyo":{"accounts":[]},"voiso":{"contact_centers":[],"note":"kept"}}"#)
        #expect(ProvidersLayout.assemble(skeleton: skeleton, accounts: accounts).serialized == Fixtures.providers.serialized)
    }

    @Test(arguments: [
        // An unknown provider, an account without an id, duplicate ids, a list that is not a list, not an object.
        #"{"acme":{"accounts":[{"id":"x"}]}}"#,
        #"{"ringyo":{"accounts":[{"id":"a"},{"name":"no id"}]}}"#,
        #"{"edesy":{"workspaces":[{"id":"w"},{"id":"w"}]}}"#,
        #"{"exotel":{"accounts":{"sid":"s"}}}"#,
        #"[1,2]"#,
        #"{"exotel":{"accounts":[]},"ringyo":{"accounts":[{"id":"r"}]},"edesy":{"workspaces":[{"id":1},{"id":"2"}]}}"#,
    ])
    func anyTreeRoundTrips(_ text: String) throws {
        let tree = try JSON.parse(text)
        let (skeleton, accounts) = ProvidersLayout.split(tree)
        #expect(ProvidersLayout.assemble(skeleton: skeleton, accounts: accounts).serialized == tree.serialized)
    }
}
