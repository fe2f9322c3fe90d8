extension WorldState {
    /// Opens a call: checks the balance covers a minute and the agent is free, holds the minute,
    /// marks the agent busy, records `call.created` and schedules the first leg. All or nothing.
    public mutating func createCall(_ spec: CallSpec) throws(CoreError) -> Call {
        guard calls.slot(of: spec.id) == nil else { throw .duplicateCallID(spec.id) }
        if let agent = spec.occupies, let other = occupied[agent] { throw .agentBusy(callID: other) }
        var billing: Billing?
        if let balance = spec.balance {
            let key = balance.description
            let available = available(balance, key: key)
            guard available >= spec.pricePerMinute, available > 0 || spec.pricePerMinute == 0 else {
                throw .insufficientFunds(available: available, needed: spec.pricePerMinute)
            }
            billing = Billing(balance: key, pricePerMinute: spec.pricePerMinute, held: spec.pricePerMinute)
            holds[key, default: 0] += spec.pricePerMinute
        }
        var machine = CallMachine(legs: spec.legs, ringTimeout: spec.ringTimeout, maxDuration: spec.maxDuration, createdAt: now)
        var call = Call(id: spec.id, provider: spec.provider, account: spec.account, machine: machine, attributes: spec.attributes)
        call.billing = billing
        call.occupies = spec.occupies
        if !spec.aliases.isEmpty {
            call.aliases = spec.aliases
            for alias in spec.aliases { callAliases[alias] = spec.id }
        }
        if let agent = spec.occupies { occupied[agent] = spec.id }
        activeCount[spec.provider + "/" + spec.account, default: 0] += 1
        let actions = machine.start()
        call.machine = machine
        // One hash of the new id for the check above and one to add it; the rest goes by slot.
        let slot = calls.add(spec.id, call)
        callOrder.append(spec.id)
        perform(actions, on: spec.id, slot: slot)
        return calls[slot: slot]
    }

    /// Ends a call now, as a hangup request would.
    public mutating func cancelCall(_ id: String) {
        guard var call = calls[id], call.isActive else { return }
        let actions = call.machine.handle(.cancel, at: now)
        calls[id] = call
        perform(actions, on: id)
    }

    /// Replaces a call's provider attributes (e.g. to remember a webhook URL).
    public mutating func updateAttributes(_ id: String, _ change: (inout JSON) -> Void) {
        guard calls[id] != nil else { return }
        change(&calls[id]!.attributes)
        changes.calls.insert(id)
    }

    /// A call by id.
    public func call(_ id: String) -> Call? { calls[id] }

    /// A call by one of its aliases (see `Call.aliases`).
    public func call(alias: String) -> Call? { callAliases[alias].flatMap { calls[$0] } }

    /// Calls, newest first, optionally of one provider and account.
    public func calls(provider: String? = nil, account: String? = nil) -> [Call] {
        callOrder.reversed().compactMap { id in
            guard let call = calls[id] else { return nil }
            if let provider, call.provider != provider { return nil }
            if let account, call.account != account { return nil }
            return call
        }
    }

    /// Runs a scheduled input if it is still the call's pending one.
    mutating func runCall(_ id: String, _ input: CallInput, seq: UInt64) {
        // Changed in place at its slot (the table's modify accessor), not copied out and back.
        guard let slot = calls.slot(of: id), calls[slot: slot].pending?.seq == seq else { return }
        let now = self.now
        calls[slot: slot].pending = nil
        let actions = calls[slot: slot].machine.handle(input, at: now)
        perform(actions, on: id, slot: slot)
    }

    /// Carries out a state machine's actions.
    mutating func perform(_ actions: [CallAction], on id: String, slot known: Int? = nil) {
        if tracksChanges { changes.calls.insert(id) }
        // The call's slot, so each touch below is not another hash of its id.
        guard let slot = known ?? calls.slot(of: id) else { return }
        for action in actions {
            switch action {
            case .schedule(let input, let at):
                calls[slot: slot].pending = scheduler.schedule(.call(id: id, input), at: at)
            case .record(let kind, let leg):
                let event = CallEvent(seq: calls[slot: slot].timeline.count, at: now, kind: kind, leg: leg, status: calls[slot: slot].status)
                calls[slot: slot].timeline.append(event)
                let provider = calls[slot: slot].provider
                if let observer = observers[provider] {
                    for webhook in observer.webhooks(for: calls[slot: slot], event: event, in: self) {
                        enqueue(webhook, callID: id, provider: provider)
                    }
                }
            case .settle:
                settle(id)
            }
        }
    }

    /// Releases a finished call's hold and agent, and debits started minutes of connected time.
    mutating func settle(_ id: String) {
        guard var call = calls[id] else { return }
        call.pending = nil
        activeCount[call.provider + "/" + call.account, default: 1] -= 1
        if let agent = call.occupies, occupied[agent] == id { occupied[agent] = nil }
        if var billing = call.billing {
            holds[billing.balance, default: 0] -= billing.held
            if holds[billing.balance] == 0 { holds[billing.balance] = nil }
            let talk = call.machine.talkTime(now: now)
            let minutes = (talk + 59_999) / 60_000
            let cost = minutes * billing.pricePerMinute
            billing.held = 0
            billing.cost = cost
            call.billing = billing
            if cost > 0, let address = Address(billing.balance), let resolved = try? WorldSchema.resolve(address, in: providers),
               let current = providers.value(at: resolved.path)?.intValue {
                setProvidersValue(.int(current - cost), at: resolved.path)
            }
        }
        calls[id] = call
    }
}
