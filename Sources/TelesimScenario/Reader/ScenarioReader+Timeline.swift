import TelesimCore
import Yams

/// `timeline`: scripted changes. Each address is resolved against the world the file itself loads,
/// so an address that names nothing fails at load time, at its line, and not mid-run.
extension ScenarioReader {
    /// Reads `timeline: [{at, set: {address: value}}]`, values converted with the addressed field's kind.
    mutating func readTimeline(_ node: Node, _ path: ScenarioPath, providers: JSON) -> [TimelineEntry] {
        guard let items = list(node, path) else { return [] }
        var entries: [TimelineEntry] = []
        for (i, item) in items.enumerated() {
            let itemPath = path.index(i)
            guard let f = fields(item, itemPath, allowed: ["at", "set"], required: ["at", "set"]) else { continue }
            let at = f["at"].flatMap { duration($0, itemPath.key("at")) }
            var changes: [(Address, JSON)] = []
            if let setNode = f["set"], let members = members(setNode, itemPath.key("set")) {
                if members.isEmpty { report(setNode, itemPath.key("set"), "expected at least one address: value") }
                for member in members {
                    if let change = readChange(member, itemPath.key("set"), providers: providers) { changes.append(change) }
                }
            }
            if let at { entries.append(TimelineEntry(at: at, set: changes)) }
        }
        return entries
    }

    /// One `address: value`: the address must name a field of the loaded world, the value fit it.
    private mutating func readChange(_ member: MappingMember, _ path: ScenarioPath, providers: JSON) -> (Address, JSON)? {
        let valuePath = path.key(member.key)
        guard let address = Address(member.key) else {
            report(member.keyNode, valuePath, "expected an address such as exotel/acme/users/agent-uuid/device, got \"\(member.key)\"")
            return nil
        }
        let resolved: ResolvedAddress
        do {
            resolved = try WorldSchema.resolve(address, in: providers)
        } catch {
            report(member.keyNode, valuePath, "the address names nothing in this world: \(error.message)")
            return nil
        }
        if member.value.isNull {
            report(member.value, valuePath, "expected \(resolved.kind.expectation), got null")
            return nil
        }
        guard let stored = value(member.value, resolved.kind, valuePath) else { return nil }
        return (address, stored)
    }
}
