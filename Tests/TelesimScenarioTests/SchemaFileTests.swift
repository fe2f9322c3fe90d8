import Foundation
import Testing
import TelesimCore
@testable import TelesimScenario

/// The committed `scenarios/scenario.schema.json` is the generated schema, so the two never drift.
/// To regenerate it after changing `WorldSchema` or the format, run the tests once with
/// `TELESIM_WRITE_SCHEMA=1` in the environment, then commit the file.
@Suite struct SchemaFileTests {
    static let file = DefaultScenarioTests.scenariosFolder.appendingPathComponent("scenario.schema.json")

    @Test func committedFileIsTheGeneratedSchema() throws {
        if ProcessInfo.processInfo.environment["TELESIM_WRITE_SCHEMA"] == "1" {
            try Data(ScenarioJSONSchema.text.utf8).write(to: Self.file)
        }
        let committed = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(committed == ScenarioJSONSchema.text)
    }

    @Test func schemaIsValidJSONWithEveryProvider() throws {
        let parsed = try JSON.parse(ScenarioJSONSchema.text)
        #expect(parsed["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        let providers = try #require(parsed["properties"]?["providers"]?["properties"]?.objectValue)
        #expect(providers.map(\.0) == WorldSchema.providers.map(\.key))
        let users = parsed["properties"]?["providers"]?["properties"]?["exotel"]?["properties"]?["accounts"]?["items"]?["properties"]?["users"]
        #expect(users?["items"]?["properties"]?["answer_after"]?["default"] == "2s")
    }
}
