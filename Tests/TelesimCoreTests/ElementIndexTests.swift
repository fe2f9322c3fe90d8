import Testing
@testable import TelesimCore

/// `WorldState.firstElement`'s indexes: rebuilt after a write into their collection, kept after a
/// write anywhere else (a balance debited, another account's or collection's field).
@Suite struct ElementIndexTests {
    static func world() -> WorldState {
        func user(_ id: String) -> JSON { .obj(["id": .string(id), "device": "on"]) }
        let providers = JSON.obj([
            "exotel": .obj(["accounts": .array([
                .obj(["sid": "a", "users": .array([user("u1"), user("u2")]), "virtual_numbers": ["+911234567890"]]),
                .obj(["sid": "b", "users": .array([user("u9")])]),
            ])]),
            "ringyo": .obj(["accounts": .array([.obj(["id": "acme", "api_keys": ["k"], "credits": .int(1000)])])]),
        ])
        let definition = WorldDefinition(name: "t", network: Network(defaultBehaviour: Behaviour(outcome: .answered, ring: 3000, talk: 30_000)),
                                         providers: providers)
        return WorldState(definition: definition, scenarioSource: "", observers: [:])
    }

    static let accountA = AccountRef(provider: "exotel", id: "a", index: 0)

    static func user(_ state: inout WorldState, _ id: String) -> String? {
        state.firstElement(accountA, "users", index: "id", keys: { $0["id"]?.stringValue.map { [$0] } ?? [] },
                           lookup: [id], matches: { $0["id"]?.stringValue == id })?["id"]?.stringValue
    }

    /// Account a's users index exists and was built from the tree as it is now.
    static func usersIndexIsCurrent(_ state: WorldState) -> Bool {
        state.elementIndexes["exotel/0/users#id"]?.version == state.providersVersion
    }

    @Test func writesElsewhereKeepTheIndex() throws {
        var state = Self.world()
        #expect(Self.user(&state, "u2") == "u2")
        #expect(Self.usersIndexIsCurrent(state))
        try state.set(Address("ringyo/acme/credits")!, to: .int(900))     // a debit's kind of write
        #expect(Self.usersIndexIsCurrent(state))
        try state.set(Address("exotel/a/virtual_numbers")!, to: ["+911234567891"])  // another collection
        #expect(Self.usersIndexIsCurrent(state))
        try state.set(Address("exotel/b/users/u9/device")!, to: "off")      // another account's users
        #expect(Self.usersIndexIsCurrent(state))
        #expect(Self.user(&state, "u1") == "u1")
    }

    @Test func aWriteIntoTheCollectionRebuildsIt() throws {
        var state = Self.world()
        #expect(Self.user(&state, "u2") == "u2")
        try state.set(Address("exotel/a/users/u2/id")!, to: "u3")
        #expect(!Self.usersIndexIsCurrent(state))
        #expect(Self.user(&state, "u2") == nil)
        #expect(Self.user(&state, "u3") == "u3")
        #expect(Self.usersIndexIsCurrent(state))
    }
}
