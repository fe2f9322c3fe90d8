import ArgumentParser

/// `telesim run FILE...`: replays scenario steps and reports (see issue: QA and CI).
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay scenario files' steps against a simulator and report (exit 0 pass, 1 fail, 2 invalid)."
    )

    @Argument(help: "Scenario files or folders.")
    var files: [String]
    @Option(help: "A running simulator to use instead of an in-process one.")
    var target: String?
    @Option(help: "Write a JUnit XML report here.")
    var junit: String?
    @Option(help: "Write a JSON report here.")
    var json: String?

    func run() async throws {
        print("telesim run is not implemented yet")
        throw ExitCode(2)
    }
}
