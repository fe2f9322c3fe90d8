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
        let name = "\(ref.provider)/\(ref.index)/\(collection)#\(index)"
        if elementIndexes[name]?.version != providersVersion {
            var positions: [String: Int] = [:]
            for (position, element) in elements.enumerated() {
                for key in keys(element) where positions[key] == nil { positions[key] = position }
            }
            elementIndexes[name] = (providersVersion, positions)
        }
        let table = elementIndexes[name]!.positions
        for position in lookup.compactMap({ table[$0] }).sorted() where matches(elements[position]) {
            return elements[position]
        }
        return nil
    }
}
