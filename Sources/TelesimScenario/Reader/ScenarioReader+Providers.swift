import TelesimCore
import Yams

/// The `providers` section: every account checked field by field against `WorldSchema`, converted
/// to stored form (money in minor units, durations in ms), defaults filled, keys in schema order.
extension ScenarioReader {
    /// Reads `providers`. Returns what it could read even when some of it is wrong, so timeline
    /// addresses are checked against the accounts that do exist instead of failing all at once.
    mutating func readProviders(_ node: Node, _ path: ScenarioPath) -> JSON {
        let keys = WorldSchema.providers.map(\.key)
        guard let section = fields(node, path, allowed: keys) else { return .object([]) }
        var out: [(String, JSON)] = []
        for schema in WorldSchema.providers {
            guard let providerNode = section[schema.key] else { continue }
            let providerPath = path.key(schema.key)
            guard let provider = fields(providerNode, providerPath, allowed: [schema.accounts], required: [schema.accounts]),
                  let accountsNode = provider[schema.accounts] else { continue }
            // A credential picks its account (and, across sandboxes, its world): two accounts may not share one.
            let accounts = collection(accountsNode, idField: schema.accountID, schema.fields, providerPath.key(schema.accounts),
                                      credentials: { WorldState.credentials(schema.key, $0) }) ?? .array([])
            out.append((schema.key, .object([(schema.accounts, accounts)])))
        }
        return .object(out)
    }

    /// A value of any field kind in stored form, reporting every problem inside it.
    /// Returns nil when the value itself is unusable.
    mutating func value(_ node: Node, _ kind: FieldKind, _ path: ScenarioPath) -> JSON? {
        switch kind {
        case .section(let fields):
            return section(node, fields, path)
        case .collection(let idField, let fields):
            return collection(node, idField: idField, fields, path)
        case .list(let element):
            guard let items = list(node, path) else { return nil }
            var out: [JSON] = []
            for (i, item) in items.enumerated() {
                if let v = value(item, element, path.index(i)) { out.append(v) }
            }
            return .array(out)
        case .any:
            return json(node, path)
        case .string:
            return string(node, path).map(JSON.string)
        default:
            guard case .scalar = node else {
                report(node, path, "expected \(kind.expectation), got \(node.typeName)")
                return nil
            }
            switch kind.normalize(userValue(node, for: kind)) {
            case .success(let stored): return stored
            case .failure(let error):
                report(node, path, error.message)
                return nil
            }
        }
    }

    /// What a scalar means for a field kind before `normalize`: digits and money keep the text as
    /// written (so `+911234567890` keeps its plus and `1.234` is seen to have three decimals), and
    /// only on/off count as a switch's booleans.
    private func userValue(_ node: Node, for kind: FieldKind) -> JSON {
        let text = node.scalarText ?? ""
        switch kind {
        case .digits:
            if node.scalarTag == .int || node.scalarTag == .float { return .string(text) }
        case .money:
            if node.scalarTag == .int || node.scalarTag == .float { return .decimal(text) }
        case .switchState:
            if node.scalarTag == .bool, !["on", "off"].contains(text.lowercased()) { return .string(text) }
        default:
            break
        }
        return scalarJSON(node)
    }

    /// A section (or one entity): known keys only, required ones present, defaults filled, keys in
    /// schema order. An absent optional section is filled with its own defaults.
    mutating func section(_ node: Node, _ fields: [Field], _ path: ScenarioPath) -> JSON? {
        guard let members = self.fields(node, path, allowed: fields.map(\.name), required: fields.filter(\.required).map(\.name)) else {
            return nil
        }
        var out: [(String, JSON)] = []
        for field in fields {
            if let valueNode = members[field.name] {
                if let stored = value(valueNode, field.kind, path.key(field.name)) { out.append((field.name, stored)) }
            } else if let fallback = Self.defaultValue(of: field) {
                out.append((field.name, fallback))
            }
        }
        return .object(out)
    }

    /// A field's value when it is absent: its declared default, or for a section, its fields' defaults.
    static func defaultValue(of field: Field) -> JSON? {
        if let value = field.defaultValue { return value }
        if case .section(let fields) = field.kind {
            return .object(fields.compactMap { f in defaultValue(of: f).map { (f.name, $0) } })
        }
        return nil
    }

    /// A list of entities with ids unique within it; a repeated id is reported at the later one.
    private mutating func collection(_ node: Node, idField: String, _ fields: [Field], _ path: ScenarioPath,
                                     credentials: ((JSON) -> [String])? = nil) -> JSON? {
        guard let items = list(node, path) else { return nil }
        var out: [JSON] = []
        var seen: [String: Int] = [:]
        var owners: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let itemPath = path.index(i)
            guard let entity = section(item, fields, itemPath) else { continue }
            if let id = WorldSchema.idText(entity[idField]) {
                if let first = seen[id] {
                    let idNode = item.member(idField) ?? item
                    report(idNode, itemPath.key(idField), "duplicate id \(id.quotedIfText(entity[idField])); it is already used by \(path)[\(first)], and ids must be unique within \(path.text.split(separator: ".").last.map(String.init) ?? "the list")")
                } else {
                    seen[id] = i
                }
            }
            for credential in Set(credentials?(entity) ?? []) {
                if let first = owners[credential] {
                    let keysNode = item.member("api_keys") ?? item.member("api_key") ?? item
                    report(keysNode, itemPath, "credential \"\(credential)\" is already used by \(path)[\(first)]; each credential must belong to one account, since it is what picks the account")
                } else {
                    owners[credential] = i
                }
            }
            out.append(entity)
        }
        return .array(out)
    }
}

extension String {
    /// `"abc"` for text ids, `123` for integer ids, as messages show them.
    func quotedIfText(_ value: JSON?) -> String {
        if case .int? = value { return self }
        return "\"\(self)\""
    }
}
