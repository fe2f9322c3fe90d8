import Foundation
import Testing
import TelesimApp
import TelesimCore
import TelesimWebhooks

/// Every file in `scenarios/` replays green under `telesim run`'s runner, and a deliberately broken
/// expectation fails naming the step and showing the difference.
@Suite struct ScenarioLibraryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var files: [String] {
        RunReport.files([root.appendingPathComponent("scenarios").path]).map {
            String($0.dropFirst(root.path.count + 1))
        }
    }

    @Test(arguments: files)
    func scenarioFilePasses(file: String) async throws {
        let http = HTTPExchangeClient()
        let result = await ScenarioRunner(http: http).run(file: Self.root.appendingPathComponent(file).path)
        try? await http.shutdown()
        #expect(result.problems.isEmpty, "\(result.problems)")
        for step in result.steps where step.outcome != .passed {
            Issue.record("\(file):\(step.line) step \(step.index) \(step.name): \(step.message ?? "")\n\(step.diff ?? "")")
        }
    }

    @Test func aBrokenExpectationFailsWithTheStepAndADiff() async throws {
        let path = NSTemporaryDirectory() + "telesim-broken-\(UUID().uuidString).yaml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try """
        telesim: 1
        name: broken
        steps:
          - name: read the clock
            send: { method: GET, path: /_telesim/clock }
            expect: { status: 200, json: { mode: realtime } }
          - name: never reached
            send: { method: GET, path: /_telesim/health }
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let http = HTTPExchangeClient()
        let result = await ScenarioRunner(http: http).run(file: path)
        try? await http.shutdown()
        #expect(RunReport.exitCode([result]) == 1)
        #expect(result.steps.map(\.outcome) == [.failed, .skipped])
        #expect(result.steps[0].line == 4)
        #expect(result.steps[0].message == #"$.mode: expected "realtime", got "virtual""#)
        #expect(result.steps[0].diff?.contains(#"-   "mode": "realtime""#) == true)
        let junit = RunReport.junit([result])
        #expect(junit.contains(#"<failure message="$.mode: expected &quot;realtime&quot;, got &quot;virtual&quot;">"#))
        #expect(junit.contains("<testsuites name=\"telesim run\" tests=\"2\" failures=\"1\""))
        #expect(RunReport.text([result]).contains("✘ 1 read the clock"))
    }

    @Test func anInvalidFileExitsTwo() async throws {
        let path = NSTemporaryDirectory() + "telesim-invalid-\(UUID().uuidString).yaml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "telesim: 2\nname: x\n".write(toFile: path, atomically: true, encoding: .utf8)
        let http = HTTPExchangeClient()
        let result = await ScenarioRunner(http: http).run(file: path)
        try? await http.shutdown()
        #expect(RunReport.exitCode([result]) == 2)
        #expect(result.problems.first?.hasPrefix("\(path):1:") == true)
    }
}
