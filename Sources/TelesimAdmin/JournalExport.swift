import ProviderKit
import TelesimCore

/// The request journal as a replayable scenario (`GET /_telesim/requests?format=scenario`): the
/// loaded world's scenario text with its `steps:` replaced by one step per journaled request,
/// oldest first, each expecting the status that was answered.
///
/// Steps are written in YAML flow style (JSON), which every YAML parser reads. Credentials: a
/// journaled (redacted) `Authorization` value is restored when it is the redaction of a credential
/// the world itself defines (it is in the scenario already); any other stays redacted.
enum JournalExport {
    static func scenario(source: String, journal: some Collection<JournalEntry>, credentials: [String]) -> String {
        var restore: [String: String] = [:]
        for c in credentials { restore[Redaction.secret(c)] = c }
        var lines: [String] = ["steps:"]
        for entry in journal {
            var send: [(String, JSON)] = [("method", .string(entry.method)),
                                          ("path", .string(entry.query.isEmpty ? entry.path : entry.path + "?" + entry.query))]
            var headers: [(String, JSON)] = []
            for h in entry.headers {
                let name = h.name.lowercased()
                if name == "authorization" {
                    let parts = h.value.split(separator: " ", maxSplits: 1).map(String.init)
                    let value = parts.count == 2 ? parts[0] + " " + (restore[parts[1]] ?? parts[1]) : (restore[h.value] ?? h.value)
                    headers.append(("Authorization", .string(value)))
                } else if ["content-type", "idempotency-key", "host"].contains(name) {
                    headers.append((h.name, .string(h.value)))
                }
            }
            if !headers.isEmpty { send.append(("headers", .object(headers))) }
            if !entry.body.isEmpty {
                if let json = try? JSON.parse(entry.body) { send.append(("json", json)) } else { send.append(("body", .string(entry.body))) }
            }
            let step = JSON.object([("name", .string("\(entry.method) \(entry.path)")), ("send", .object(send)),
                                    ("expect", .obj(["status": .int(Int64(entry.status))]))])
            lines.append("  - " + step.serialized)
        }
        return withoutSteps(source) + (lines.count > 1 ? lines.joined(separator: "\n") + "\n" : "")
    }

    /// The scenario text without its top-level `steps:` section.
    static func withoutSteps(_ source: String) -> String {
        var out: [Substring] = []
        var skipping = false
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let topLevel = !line.isEmpty && !line.hasPrefix(" ") && !line.hasPrefix("\t") && !line.hasPrefix("#") && !line.hasPrefix("-")
            if topLevel { skipping = line.hasPrefix("steps:") }
            if !skipping { out.append(line) }
        }
        var text = out.joined(separator: "\n")
        while text.hasSuffix("\n\n") { text.removeLast() }
        return text.hasSuffix("\n") ? text : text + "\n"
    }
}
