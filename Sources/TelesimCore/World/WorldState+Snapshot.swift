extension WorldState {
    /// The world's scalar state.
    var meta: WorldMeta {
        var pendingTimeline: [Scheduler.Entry] = []
        // Timeline entries still waiting are those whose instant is after now or not yet run.
        for (index, entry) in definition.timeline.enumerated() where !timelineDone.contains(index) {
            pendingTimeline.append(Scheduler.Entry(due: definition.clock.start + entry.at, seq: UInt64(index), item: .timeline(index: index)))
        }
        return WorldMeta(scenarioSource: scenarioSource, now: now, random: random, faultRandom: faultRandom, nextSeq: scheduler.nextSeq,
                         pendingTimeline: pendingTimeline, nextJournalID: nextJournalID, faultsFired: faultsFired, memo: memo)
    }

    /// The whole world, for a fresh store.
    public var snapshot: WorldSnapshot {
        WorldSnapshot(meta: meta, providers: providers, calls: callOrder.compactMap { calls[$0] },
                      deliveries: deliveryOrder.compactMap { deliveries[$0] }, journal: journal)
    }

    /// Hands over what changed since the last call, for the store.
    mutating func takeChanges() -> StoreChanges? {
        let c = changes
        changes = ChangeTracker()
        var out = StoreChanges(meta: meta)
        if c.providers { out.providers = providers }
        out.calls = c.calls.compactMap { calls[$0] }
        out.deliveries = c.deliveries.compactMap { deliveries[$0] }
        out.removedDeliveries = c.removedDeliveries
        out.journal = c.journal
        out.journalFloor = c.journalFloor
        return out.isEmpty && !c.meta ? nil : out
    }

    /// A world as it was stored: the definition rebuilt from its scenario, the rest from the snapshot.
    public init(definition: WorldDefinition, restoring snapshot: WorldSnapshot, observers: [String: any CallObserver], limits: WorldLimits = WorldLimits()) {
        self.init(definition: definition, scenarioSource: snapshot.meta.scenarioSource, observers: observers, limits: limits)
        let m = snapshot.meta
        providers = snapshot.providers
        now = m.now
        random = m.random
        faultRandom = m.faultRandom
        nextJournalID = m.nextJournalID
        memo = m.memo
        faultsFired = m.faultsFired.count >= definition.faults.count ? Array(m.faultsFired.prefix(definition.faults.count)) : faultsFired
        scheduler = Scheduler(nextSeq: m.nextSeq)
        let pendingIndexes = Set(m.pendingTimeline.compactMap { entry -> Int? in
            if case .timeline(let i) = entry.item { return i } else { return nil }
        })
        timelineDone = Set(definition.timeline.indices).subtracting(pendingIndexes)
        for entry in m.pendingTimeline { scheduler.restore(entry) }
        for call in snapshot.calls {
            calls[call.id] = call
            callOrder.append(call.id)
            for alias in call.aliases ?? [] { callAliases[alias] = call.id }
            if let pending = call.pending { scheduler.restore(pending) }
            if call.isActive {
                activeCount[call.provider + "/" + call.account, default: 0] += 1
                if let agent = call.occupies { occupied[agent] = call.id }
                if let billing = call.billing { holds[billing.balance, default: 0] += billing.held }
            }
        }
        for delivery in snapshot.deliveries {
            deliveries[delivery.id] = delivery
            deliveryOrder.append(delivery.id)
            if let pending = delivery.pending { scheduler.restore(pending) }
        }
        journal = snapshot.journal
        rebuildCredentialIndex()
        changes = ChangeTracker()
    }
}
