extension WorldState {
    /// Applies a timeline entry: each address takes its value. Addresses were checked when the
    /// scenario loaded; one that no longer resolves (its entity was renamed by a PATCH) is skipped
    /// and reported.
    mutating func applyTimeline(_ index: Int) -> [String] {
        guard definition.timeline.indices.contains(index) else { return [] }
        timelineDone.insert(index)
        changes.meta = true
        var problems: [String] = []
        for (address, value) in definition.timeline[index].set {
            do {
                let resolved = try WorldSchema.resolve(address, in: providers)
                setProvidersValue(value, at: resolved.path)
            } catch {
                problems.append(error.description)
            }
        }
        rebuildCredentialIndex()
        return problems
    }
}
