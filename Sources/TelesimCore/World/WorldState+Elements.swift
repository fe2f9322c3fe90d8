extension WorldState {
    /// The first element of an account's array (`agents`, `users`…) that `matches`, found through
    /// an index of the elements' `keys` rather than a scan.
    ///
    /// Adapters look an agent up on every create; with 2,000 agents the scan of the JSON tree was
    /// ~12% of the server's CPU, all of it inside the world's lock. The index (each key to the first
    /// position that has it) is rebuilt when the providers tree has changed since it was built.
    ///
    /// - Parameters:
    ///   - index: names the kind of key, so one array can have several indexes.
    ///   - keys: an element's keys; `matches(element)` must hold exactly when one of them is in `lookup`.
    ///   - lookup: the keys the wanted element has.
    public mutating func firstElement(_ ref: AccountRef, _ collection: String, index: String, keys: (JSON) -> [String],
                                      lookup: [String], matches: (JSON) -> Bool) -> JSON? {
        let elements = field(ref, collection)?.arrayValue ?? []
        let name = Self.indexPrefix(provider: ref.provider, account: ref.index, collection: collection) + index
        if elementIndexes[name]?.version != providersVersion {
            var positions: [String: Int] = [:]
            for (position, element) in elements.enumerated() {
                for key in keys(element) where positions[key] == nil { positions[key] = position }
            }
            elementIndexes[name] = (providersVersion, positions)
        }
        let table = elementIndexes[name]!.positions
        // The earliest matching position among the keys', found without building and sorting a list.
        var first: Int?
        for key in lookup {
            if let position = table[key], position < first ?? .max, matches(elements[position]) { first = position }
        }
        return first.map { elements[$0] }
    }

    /// The start of the names of the indexes over one account's collection.
    static func indexPrefix(provider: String, account: Int, collection: String) -> String {
        "\(provider)/\(account)/\(collection)#"
    }

    /// Writes one value into the providers tree at a resolved path, and keeps current the element
    /// indexes the write cannot have changed.
    ///
    /// Any change of `providers` makes every index stale (its `didSet`). Most writes are far from
    /// any index: a call's end debits a balance, a timeline entry sets a flag. Without this, every
    /// billed Ringyo or Edesy call end made the next Exotel or Voiso create in the same world
    /// rebuild its agent index, a walk of every agent inside the world's lock.
    mutating func setProvidersValue(_ value: JSON, at path: [PathStep]) {
        let before = providersVersion
        providers.setValue(value, at: path[...])
        changes.providers = true
        // Only a write into one account's named collection (or deeper) is known not to touch the rest.
        guard path.count >= 4, case .key(let provider) = path[0], case .index(let account) = path[2],
              case .key(let collection) = path[3] else { return }
        let touched = Self.indexPrefix(provider: provider, account: account, collection: collection)
        for (name, entry) in elementIndexes where entry.version == before && !name.hasPrefix(touched) {
            elementIndexes[name]?.version = providersVersion
        }
    }
}
