import Foundation
import TelesimCore
import TelesimScenario

/// Replays scenario files' steps (`telesim run`): against an in-process simulator on a free port,
/// or as a sandbox of a running one (`--target`), so a file behaves the same either way.
public struct ScenarioRunner: Sendable {
    let http: any RunnerHTTPClient
    /// A running simulator to use; nil starts one per file.
    let target: String?
    /// Sent as `Authorization: Bearer …` on admin requests to the target.
    let adminToken: String?

    public init(http: any RunnerHTTPClient, target: String? = nil, adminToken: String? = nil) {
        self.http = http
        self.target = target.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.adminToken = adminToken
    }

    /// Runs one file's steps; never throws: every failure is part of the result.
    public func run(file: String) async -> FileResult {
        let started = Date()
        guard let data = FileManager.default.contents(atPath: file) else {
            return FileResult(file: file, scenario: "", problems: ["\(file):1:1: cannot read the file"], steps: [], durationMs: 0)
        }
        let text = String(decoding: data, as: UTF8.self)
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(text)
        } catch {
            return FileResult(file: file, scenario: "", problems: error.problems.map { "\(file):\($0.line):\($0.column): \($0.message)" },
                              steps: [], durationMs: 0)
        }

        // The simulator: a sandbox of the target, or a fresh in-process one.
        var base: String
        var adminPrefix = "/_telesim"
        var embedded: EmbeddedTelesim?
        if let target {
            base = target
            do {
                let r = try await http.exchange(method: "POST", url: target + "/_telesim/sandboxes", headers: adminHeaders(), body: Array(text.utf8))
                guard r.status == 201, let id = (try? JSON.parse(r.body))?["id"]?.stringValue else {
                    return FileResult(file: file, scenario: scenario.name, problems: ["\(file):1:1: the target refused the scenario (\(r.status)): \(r.body)"],
                                      steps: [], durationMs: 0)
                }
                adminPrefix = "/_telesim/sandboxes/\(id)"
            } catch {
                return FileResult(file: file, scenario: scenario.name, problems: ["\(file):1:1: cannot reach \(target): \(error)"], steps: [], durationMs: 0)
            }
        } else {
            do {
                let sim = try await EmbeddedTelesim.start(scenario: text, arguments: AppArguments(logLevel: .error))
                embedded = sim
                base = sim.baseURL
            } catch {
                return FileResult(file: file, scenario: scenario.name, problems: ["\(file):1:1: \(error)"], steps: [], durationMs: 0)
            }
        }

        var context = StepContext(base: base, adminPrefix: adminPrefix, variables: ["telesim": .string(base)])
        var results: [StepResult] = []
        var failed = false
        for (index, step) in scenario.steps.enumerated() {
            let name = step.name ?? Self.describe(step)
            if failed {
                results.append(StepResult(index: index + 1, line: step.line, name: name, outcome: .skipped, message: "skipped after an earlier failure",
                                          diff: nil, durationMs: 0))
                continue
            }
            let t = Date()
            var result = await run(step, context: &context)
            result.index = index + 1
            result.line = step.line
            result.name = name
            result.durationMs = Date().timeIntervalSince(t) * 1000
            if result.outcome == .failed { failed = true }
            results.append(result)
        }

        if let embedded { await embedded.stop() }
        if target != nil {
            _ = try? await http.exchange(method: "DELETE", url: base + adminPrefix, headers: adminHeaders(), body: nil)
        }
        return FileResult(file: file, scenario: scenario.name, problems: [], steps: results, durationMs: Date().timeIntervalSince(started) * 1000)
    }

    func adminHeaders() -> [Header] {
        var h = [Header("Content-Type", "application/json")]
        if let adminToken { h.append(Header("Authorization", "Bearer \(adminToken)")) }
        return h
    }

    static func describe(_ step: Step) -> String {
        if let send = step.send { return "\(send.method) \(send.path)" }
        if let advance = step.advance { return "advance \(SimDuration.format(advance))" }
        return "expect"
    }
}
