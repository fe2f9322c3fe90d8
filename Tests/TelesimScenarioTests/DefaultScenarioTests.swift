import Foundation
import Testing
import TelesimCore
@testable import TelesimScenario

/// The default world: the built-in copy is the file, and it loads with the documented identifiers.
@Suite struct DefaultScenarioTests {
    static let scenariosFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios")

    @Test func embeddedTextIsTheFileByteForByte() throws {
        let file = try Data(contentsOf: Self.scenariosFolder.appendingPathComponent("default.yaml"))
        #expect(Array(file) == Array(DefaultScenario.text.utf8))
    }

    @Test func loadsWithoutProblems() throws {
        let problems = ScenarioLoader.problems(in: DefaultScenario.text)
        #expect(problems == [])
    }

    @Test func holdsTheDocumentedWorld() throws {
        let scenario = try ScenarioLoader.load(DefaultScenario.text)
        let world = scenario.definition
        #expect(scenario.name == "default")
        #expect(world.seed == 1)
        #expect(world.clock == ClockSettings())
        #expect(world.network.country == "IN")
        #expect(world.network.behaviour(of: "+919000000001").outcome == .busy)
        #expect(world.network.behaviour(of: "+919000000002").outcome == .noAnswer)
        #expect(world.network.behaviour(of: "+919000000003").cause == "unreachable")
        #expect(world.network.behaviour(of: "+919000000004").talk == 600_000)
        #expect(world.network.behaviour(of: "+14155550004").talk == 600_000)
        #expect(world.network.behaviour(of: "+14155550001").outcome == .busy)
        #expect(world.network.behaviour(of: "+919876543210") == Behaviour(transcript: [
            TranscriptLine(speaker: "agent", text: "Hi {{customer_name}}, this is Sales Agent calling about order {{order_id}}."),
            TranscriptLine(speaker: "user", text: "Yes, go ahead."),
        ]))
        let p = world.providers
        #expect(p["edesy"]?["workspaces"]?.arrayValue?.first?["credits"] == .int(100_000))
        #expect(p.value(at: [.key("edesy"), .key("workspaces"), .index(0), .key("masking"), .key("price_per_minute")]) == .int(150))
        #expect(p.value(at: [.key("edesy"), .key("workspaces"), .index(0), .key("agents"), .index(0), .key("id")]) == .int(123))
        #expect(p.value(at: [.key("voiso"), .key("contact_centers"), .index(0), .key("agents"), .index(0), .key("answer_after")]) == .int(2000))
        #expect(p.value(at: [.key("exotel"), .key("accounts"), .index(0), .key("users"), .index(0), .key("device")]) == "on")
        #expect(p.value(at: [.key("ringyo"), .key("accounts"), .index(0), .key("credits")]) == .int(100_000))
        #expect(p.value(at: [.key("ringyo"), .key("accounts"), .index(0), .key("price_per_minute")]) == .int(10))
        #expect(p.value(at: [.key("ringyo"), .key("accounts"), .index(0), .key("max_concurrent_calls")]) == nil)
        #expect(p.value(at: [.key("ringyo"), .key("accounts"), .index(0), .key("rate_limit")]) == nil)
        for address in ["exotel/account_sid/users/agent-uuid/device", "ringyo/default/credits", "voiso/demo/agents/1234/status",
                        "edesy/default/masking/balance", "edesy/default/agents/123/name"] {
            #expect(throws: Never.self) { try WorldSchema.resolve(Address(address)!, in: p) }
        }
    }
}
