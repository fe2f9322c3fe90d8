import Foundation
import Synchronization
import TelesimCore

/// A request's journal entry, drafted by the dispatcher before the handler runs and recorded
/// exactly once: inside the handler's own transaction when it uses `ProviderRequest.transact`
/// (one transaction per request instead of two), otherwise by the dispatcher afterwards.
final class JournalTicket: Sendable {
    /// Everything but the answer: redacted headers, the body excerpt, the start instant.
    let draft: JournalEntry
    let started: UInt64
    private let recorded = Atomic<Bool>(false)

    init(draft: JournalEntry, started: UInt64) {
        self.draft = draft
        self.started = started
    }

    /// The entry for `response`, or nil if one was already recorded for this request.
    func claim(_ response: ProviderResponse) -> JournalEntry? {
        guard recorded.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return nil }
        var entry = draft
        entry.account = response.account
        entry.status = response.status
        entry.responseBody = response.body
        entry.wallAt = Int64(Date().timeIntervalSince1970 * 1000)
        entry.durationMs = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        return entry
    }
}

extension ProviderRequest {
    /// Runs a handler's work on its world in one transaction, journalling the answer in the same one.
    ///
    /// Handlers answer through this rather than `world.transact`: the dispatcher then needs no
    /// second transaction for the journal, which halves the times a request takes the world's lock.
    public func transact(_ body: (inout WorldState) -> ProviderResponse) -> ProviderResponse {
        let ticket = self.ticket
        return world.transact { state in
            let response = body(&state)
            if let entry = ticket?.claim(response) { state.record(entry) }
            return response
        }
    }
}
