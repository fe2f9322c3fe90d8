import Foundation
import TelesimCore

/// Renders run results: the human report, JUnit XML and JSON.
public enum RunReport {
    /// The exit code `telesim run` ends with: 2 if a file was invalid, else 1 if a step failed, else 0.
    public static func exitCode(_ results: [FileResult]) -> Int32 {
        if results.contains(where: { !$0.problems.isEmpty }) { return 2 }
        return results.allSatisfy(\.passed) ? 0 : 1
    }

    public static func text(_ results: [FileResult]) -> String {
        var out = ""
        var passed = 0, failed = 0, skipped = 0
        for file in results {
            out += "\(file.file)\(file.scenario.isEmpty ? "" : "  (\(file.scenario))")\n"
            for p in file.problems { out += "  invalid: \(p)\n" }
            for step in file.steps {
                switch step.outcome {
                case .passed: passed += 1; out += "  ✔ \(step.index) \(step.name)\n"
                case .skipped: skipped += 1; out += "  - \(step.index) \(step.name) (skipped)\n"
                case .failed:
                    failed += 1
                    out += "  ✘ \(step.index) \(step.name)  [\(file.file):\(step.line)]\n"
                    if let m = step.message { out += "      \(m)\n" }
                    if let d = step.diff { out += d.split(separator: "\n").map { "      \($0)" }.joined(separator: "\n") + "\n" }
                }
            }
        }
        let invalid = results.filter { !$0.problems.isEmpty }.count
        out += "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "") + (invalid > 0 ? " (\(invalid) invalid files)" : "") + "\n"
        return out
    }

    public static func junit(_ results: [FileResult]) -> String {
        func esc(_ s: String) -> String {
            var o = ""
            for c in s.unicodeScalars {
                switch c {
                case "&": o += "&amp;"
                case "<": o += "&lt;"
                case ">": o += "&gt;"
                case "\"": o += "&quot;"
                case "'": o += "&apos;"
                default: o += c.value < 0x20 && c != "\n" && c != "\t" && c != "\r" ? "" : String(c)
                }
            }
            return o
        }
        let tests = results.reduce(0) { $0 + max($1.steps.count, $1.problems.isEmpty ? 0 : 1) }
        let failures = results.reduce(0) { $0 + $1.steps.filter { $0.outcome == .failed }.count }
        let errors = results.filter { !$0.problems.isEmpty }.count
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        x += "<testsuites name=\"telesim run\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        for f in results {
            let name = f.scenario.isEmpty ? f.file : f.scenario
            let fFailures = f.steps.filter { $0.outcome == .failed }.count
            let fSkipped = f.steps.filter { $0.outcome == .skipped }.count
            x += "  <testsuite name=\"\(esc(name))\" file=\"\(esc(f.file))\" tests=\"\(max(f.steps.count, f.problems.isEmpty ? 0 : 1))\" failures=\"\(fFailures)\" errors=\"\(f.problems.isEmpty ? 0 : 1)\" skipped=\"\(fSkipped)\" time=\"\(String(format: "%.3f", f.durationMs / 1000))\">\n"
            if !f.problems.isEmpty {
                x += "    <testcase name=\"load scenario\" classname=\"\(esc(f.file))\">\n"
                x += "      <error message=\"invalid scenario\">\(esc(f.problems.joined(separator: "\n")))</error>\n    </testcase>\n"
            }
            for s in f.steps {
                x += "    <testcase name=\"\(esc("\(s.index) \(s.name)"))\" classname=\"\(esc(f.file))\" file=\"\(esc(f.file))\" line=\"\(s.line)\" time=\"\(String(format: "%.3f", s.durationMs / 1000))\""
                switch s.outcome {
                case .passed: x += "/>\n"
                case .skipped: x += ">\n      <skipped message=\"skipped after an earlier failure\"/>\n    </testcase>\n"
                case .failed:
                    x += ">\n      <failure message=\"\(esc(s.message ?? "failed"))\">\(esc([s.message, s.diff].compactMap { $0 }.joined(separator: "\n")))</failure>\n    </testcase>\n"
                }
            }
            x += "  </testsuite>\n"
        }
        return x + "</testsuites>\n"
    }

    public static func json(_ results: [FileResult]) -> String {
        let files: [JSON] = results.map { f in
            .obj([
                "file": .string(f.file), "scenario": .string(f.scenario), "passed": .bool(f.passed),
                "problems": .array(f.problems.map(JSON.string)),
                "duration_ms": .int(Int64(f.durationMs.rounded())),
                "steps": .array(f.steps.map { s in
                    .obj(["index": .int(Int64(s.index)), "line": .int(Int64(s.line)), "name": .string(s.name), "status": .string(s.outcome.rawValue),
                          "message": s.message.map(JSON.string) ?? .null, "diff": s.diff.map(JSON.string) ?? .null,
                          "duration_ms": .int(Int64(s.durationMs.rounded()))])
                }),
            ])
        }
        let steps = results.flatMap(\.steps)
        return JSON.obj([
            "files": .array(files),
            "passed": .int(Int64(steps.filter { $0.outcome == .passed }.count)),
            "failed": .int(Int64(steps.filter { $0.outcome == .failed }.count)),
            "skipped": .int(Int64(steps.filter { $0.outcome == .skipped }.count)),
            "invalid_files": .int(Int64(results.filter { !$0.problems.isEmpty }.count)),
            "exit_code": .int(Int64(exitCode(results))),
        ]).serialized + "\n"
    }

    /// Every `*.yaml`/`*.yml` file under the arguments (folders recursively), sorted.
    public static func files(_ arguments: [String]) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for arg in arguments {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: arg, isDirectory: &isDir), isDir.boolValue {
                let base = arg.hasSuffix("/") ? String(arg.dropLast()) : arg
                let found = (fm.enumerator(atPath: base)?.allObjects as? [String] ?? [])
                    .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                    .sorted()
                out += found.map { base + "/" + $0 }
            } else {
                out.append(arg)
            }
        }
        return out
    }
}
