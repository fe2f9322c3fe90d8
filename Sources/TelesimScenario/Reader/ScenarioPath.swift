/// Where a node sits in a scenario, written as users read it: `providers.exotel.accounts[0].users[1].device`.
///
/// Problems name their path as well as their line and column, so a report stays readable when it is
/// printed without the file beside it.
struct ScenarioPath: Sendable, CustomStringConvertible {
    /// The path text; empty for the document root.
    let text: String

    /// The document root.
    static let root = ScenarioPath(text: "")

    /// A mapping member. Keys that are not plain words (timeline addresses) are bracketed and quoted.
    func key(_ name: String) -> ScenarioPath {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
        if !plain { return ScenarioPath(text: text + "[\"\(name)\"]") }
        return ScenarioPath(text: text.isEmpty ? name : text + "." + name)
    }

    /// A sequence item, counted from 0 as in JSON paths.
    func index(_ i: Int) -> ScenarioPath { ScenarioPath(text: text + "[\(i)]") }

    var description: String { text }
}
