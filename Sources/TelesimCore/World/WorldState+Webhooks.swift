extension WorldState {
    /// Creates a delivery for a webhook and schedules its first attempt now; deliveries of one call
    /// are scheduled (and so first attempted) in event order.
    mutating func enqueue(_ webhook: OutgoingWebhook, callID: String, provider: String) {
        let id = "whd_" + random.hex(20)
        var delivery = Delivery(id: id, callID: callID, provider: provider, event: webhook.event, url: webhook.url,
                                headers: webhook.headers, sentHeaders: nil, body: webhook.body, signature: webhook.signature,
                                backoff: webhook.backoff, status: .pending, attempts: [], createdAt: now)
        delivery.pending = scheduler.schedule(.webhook(deliveryID: id), at: now)
        deliveries[id] = delivery
        deliveryOrder.append(id)
        if tracksChanges { changes.deliveries.insert(id) }
        trimDeliveries()
    }

    /// The request for a delivery's next attempt, if it is still due.
    func attemptRequest(_ id: String, seq: UInt64) -> WebhookRequest? {
        guard let d = deliveries[id], d.pending?.seq == seq else { return nil }
        return WebhookRequest(url: d.url, headers: d.headers, body: d.body, signature: d.signature, simulatedAt: now)
    }

    /// Records an attempt's result: delivered, retried after the provider's backoff, or failed.
    mutating func recordAttempt(_ id: String, result: WebhookResult, simulatedAt: Int64) {
        guard var d = deliveries[id] else { return }
        d.pending = nil
        d.sentHeaders = result.sentHeaders
        let attempt = DeliveryAttempt(at: result.startedAt, simulatedAt: simulatedAt, status: result.status, error: result.error,
                                      durationMs: result.durationMs, responseExcerpt: result.responseExcerpt)
        d.attempts.append(attempt)
        if attempt.succeeded {
            d.status = .delivered
        } else if d.attempts.count <= d.backoff.count {
            d.status = .retrying
            d.pending = scheduler.schedule(.webhook(deliveryID: id), at: simulatedAt + d.backoff[d.attempts.count - 1])
        } else {
            d.status = .failed
        }
        deliveries[id] = d
        if tracksChanges { changes.deliveries.insert(id) }
    }

    /// Deliveries, newest first.
    public func deliveryLog() -> [Delivery] { deliveryOrder.suffix(limits.deliveries).reversed().compactMap { deliveries[$0] } }

    /// Drops the oldest finished deliveries beyond the bound.
    mutating func trimDeliveries() {
        // Trims in batches (10% slack) so that appending stays amortised O(1).
        guard deliveryOrder.count > limits.deliveries + max(1, limits.deliveries / 10) else { return }
        var excess = deliveryOrder.count - limits.deliveries
        var kept: [String] = []
        kept.reserveCapacity(deliveryOrder.count)
        for id in deliveryOrder {
            if excess > 0, let d = deliveries[id], d.status == .delivered || d.status == .failed {
                deliveries[id] = nil
                changes.removedDeliveries.append(id)
                changes.deliveries.remove(id)
                excess -= 1
            } else {
                kept.append(id)
            }
        }
        deliveryOrder = kept
    }
}
