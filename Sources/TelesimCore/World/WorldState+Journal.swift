extension WorldState {
    /// Appends a request to the journal, stamped with the simulated instant; drops the oldest past the bound.
    public mutating func record(_ entry: JournalEntry) {
        var entry = entry
        entry.id = nextJournalID
        entry.simulatedAt = now
        nextJournalID += 1
        journal.append(entry)
        if tracksChanges { changes.journal.append(entry) }
        // Drops in batches (10% slack) so that appending stays amortised O(1); readers see at most `limits.journal`.
        if journal.count > limits.journal + max(1, limits.journal / 10) {
            let drop = journal.count - limits.journal
            journal.removeFirst(drop)
            changes.journalFloor = journal.first?.id
        }
    }

    /// The journal as readers see it: at most `limits.journal` entries, oldest first.
    public var recentJournal: ArraySlice<JournalEntry> { journal.suffix(limits.journal) }

    /// Empties the journal.
    public mutating func clearJournal() {
        journal.removeAll()
        changes.journal.removeAll()
        changes.journalFloor = nextJournalID
    }
}
