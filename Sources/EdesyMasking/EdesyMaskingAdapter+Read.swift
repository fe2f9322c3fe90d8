import ProviderKit
import TelesimCore

extension EdesyMaskingAdapter {
    /// `GET /v1/masking/calls/{call_sid}`: the status endpoint that initiate's page refers to
    /// (path and fields INFERRED from third-party notes). Another workspace's call is not found.
    @Sendable func getCall(_ r: ProviderRequest) -> ProviderResponse {
        let key = r.bearerToken
        let sid = r.parameters["call_sid"] ?? ""
        return r.transact { state in
            do throws(EdesyMaskingError) {
                let account = try Self.authenticate(key, &state)
                guard let call = state.call(sid), call.provider == "edesy-masking", call.account == account.id else { throw .callNotFound }
                return .json(200, .obj(["data": EdesyMaskingWire.detail(call)]), account: account.id)
            } catch {
                return error.response
            }
        }
    }

    /// A date query parameter (RFC 3339, or a plain date meaning its midnight UTC).
    static func date(_ q: [String: String], _ name: String) throws(EdesyMaskingError) -> Int64? {
        guard let text = q[name], !text.isEmpty else { return nil }
        guard let t = Timestamp.parse(text) else { throw .validation("\(name) must be an RFC3339 date-time.") }
        return t
    }

    /// A positive integer query parameter within `range`.
    static func integer(_ q: [String: String], _ name: String, default value: Int, range: ClosedRange<Int>) throws(EdesyMaskingError) -> Int {
        guard let text = q[name], !text.isEmpty else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw .validation(range.upperBound == .max
                ? "\(name) must be a positive integer."
                : "\(name) must be an integer between \(range.lowerBound) and \(range.upperBound).")
        }
        return n
    }

    /// `GET /v1/masking/call-logs`: newest first, 1-based pages of `per_page` (default 20, at most
    /// 100), filtered by wire status and by start time within `start_date`…`end_date`.
    @Sendable func listCallLogs(_ r: ProviderRequest) -> ProviderResponse {
        let key = r.bearerToken
        let q = r.firstQueryValues
        return r.transact { state in
            do throws(EdesyMaskingError) {
                let account = try Self.authenticate(key, &state)
                let page = try Self.integer(q, "page", default: 1, range: 1...Int.max)
                let perPage = try Self.integer(q, "per_page", default: 20, range: 1...100)
                let status = q["status"].flatMap { $0.isEmpty ? nil : $0 }
                if let status, !EdesyMaskingWire.statuses.contains(status) {
                    throw .validation("status must be one of \(EdesyMaskingWire.statuses.joined(separator: ", ")).")
                }
                let from = try Self.date(q, "start_date")
                let to = try Self.date(q, "end_date")
                if let from, let to, from > to { throw .validation("start_date must not be after end_date.") }
                let calls = state.calls(provider: "edesy-masking", account: account.id).filter { call in
                    if let status, EdesyMaskingWire.status(call) != status { return false }
                    if let from, call.createdAt < from { return false }
                    if let to, call.createdAt > to { return false }
                    return true
                }
                let (offset, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
                let entries = overflow ? [] : calls.dropFirst(offset).prefix(perPage).map(EdesyMaskingWire.logEntry)
                return .json(200, .obj([
                    "data": .array(Array(entries)),
                    "meta": .obj([
                        "total": .int(Int64(calls.count)),
                        "page": .int(Int64(page)),
                        "per_page": .int(Int64(perPage)),
                        "total_pages": .int(Int64((calls.count + perPage - 1) / perPage)),
                    ]),
                ]), account: account.id)
            } catch {
                return error.response
            }
        }
    }

    /// `GET /v1/masking/billing`: the wallet in INR. It shows what can still be spent, the balance
    /// less the one-minute holds of running calls (INFERRED), so it predicts initiate's 402.
    @Sendable func billing(_ r: ProviderRequest) -> ProviderResponse {
        let key = r.bearerToken
        return r.transact { state in
            do throws(EdesyMaskingError) {
                let account = try Self.authenticate(key, &state)
                return .json(200, .obj(["data": .obj([
                    "balance": Money.json(state.available(Self.balance(account))),
                    "currency": "INR",
                ])]), account: account.id)
            } catch {
                return error.response
            }
        }
    }

    /// `GET /v1/masking/stats`: usage over calls started within `start_date`…`end_date` (default the
    /// last 30 days of simulated time). Sessions and mappings belong to the masking-sessions product,
    /// which telesim does not simulate: they are always 0.
    @Sendable func stats(_ r: ProviderRequest) -> ProviderResponse {
        let key = r.bearerToken
        let q = r.firstQueryValues
        return r.transact { state in
            do throws(EdesyMaskingError) {
                let account = try Self.authenticate(key, &state)
                let from = try Self.date(q, "start_date") ?? state.now - 30 * 86_400_000
                let to = try Self.date(q, "end_date") ?? state.now
                if from > to { throw .validation("start_date must not be after end_date.") }
                let calls = state.calls(provider: "edesy-masking", account: account.id).filter { (from...to).contains($0.createdAt) }
                let ended = calls.filter { !$0.isActive }
                return .json(200, .obj(["data": .obj([
                    "total_sessions": 0,
                    "active_sessions": 0,
                    "total_mappings": 0,
                    "total_calls": .int(Int64(calls.count)),
                    "total_minutes": .int(ended.reduce(0) { $0 + EdesyMaskingWire.billedMinutes($1) }),
                    "total_cost": Money.json(ended.reduce(0) { $0 + EdesyMaskingWire.price($1) }),
                    "answered_calls": .int(Int64(calls.count { $0.machine.connectedAt != nil })),
                    "failed_calls": .int(Int64(ended.count { $0.status != .completed })),
                ])]), account: account.id)
            } catch {
                return error.response
            }
        }
    }
}
