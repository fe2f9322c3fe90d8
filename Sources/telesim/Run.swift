import ArgumentParser
import Foundation
import TelesimApp
import TelesimWebhooks

/// `telesim run FILE...`: replays scenario files' steps and reports (exit 0 pass, 1 fail, 2 invalid).
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay scenario files' steps against a simulator and report (exit 0 pass, 1 fail, 2 invalid).",
        discussion: """
        A folder runs every *.yaml/*.yml file in it, recursively. Without --target each file gets its own \
        in-process simulator on a free port (up to 4 files at once); with --target each file's world is loaded \
        into the running simulator as a sandbox, deleted afterwards, one file at a time. TELESIM_ADMIN_TOKEN is \
        sent on admin requests to the target.
        """
    )

    @Argument(help: "Scenario files or folders.")
    var files: [String]
    @Option(help: "A running simulator to use instead of an in-process one, e.g. http://127.0.0.1:8080.")
    var target: String?
    @Option(help: "Write a JUnit XML report here.")
    var junit: String?
    @Option(help: "Write a JSON report here.")
    var json: String?

    func run() async throws {
        let paths = RunReport.files(files)
        guard !paths.isEmpty else { throw ValidationError("no scenario files found in \(files.joined(separator: " "))") }
        let http = HTTPExchangeClient()
        let runner = ScenarioRunner(http: http, target: target, adminToken: ProcessInfo.processInfo.environment["TELESIM_ADMIN_TOKEN"])
        var results: [FileResult?] = Array(repeating: nil, count: paths.count)
        let width = target == nil ? 4 : 1
        await withTaskGroup(of: (Int, FileResult).self) { group in
            var next = 0
            func launch() {
                let i = next
                next += 1
                group.addTask { (i, await runner.run(file: paths[i])) }
            }
            while next < min(width, paths.count) { launch() }
            for await (i, result) in group {
                results[i] = result
                if next < paths.count { launch() }
            }
        }
        try? await http.shutdown()
        let done = results.compactMap { $0 }
        print(RunReport.text(done), terminator: "")
        if let junit { try RunReport.junit(done).write(toFile: junit, atomically: true, encoding: .utf8) }
        if let json { try RunReport.json(done).write(toFile: json, atomically: true, encoding: .utf8) }
        let code = RunReport.exitCode(done)
        if code != 0 { throw ExitCode(code) }
    }
}
