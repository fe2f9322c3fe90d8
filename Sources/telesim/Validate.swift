import ArgumentParser
import Foundation
import TelesimScenario

/// `telesim validate FILE...`: checks scenario files; exit 0 when all are valid, 2 otherwise.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scenario files: each problem is printed as FILE:LINE:COLUMN: message; exit 0 if all are valid, 2 if not."
    )

    @Argument(help: "Scenario files (YAML or JSON).")
    var files: [String]

    func run() throws {
        var failed = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                print("\(file):1:1: cannot read the file")
                failed = true
                continue
            }
            do {
                _ = try ScenarioLoader.load(String(decoding: data, as: UTF8.self))
            } catch {
                failed = true
                for p in error.problems { print("\(file):\(p.line):\(p.column): \(p.message)") }
            }
        }
        if failed { throw ExitCode(2) }
    }
}
