import TelesimCore

/// One account of the providers tree, as stored in a `world_account` row.
struct StoredAccount: Sendable {
    /// The provider key (`edesy`, `voiso`, …).
    var provider: String
    /// The account id as text (`WorldSchema.idText`), unique within its provider.
    var account: String
    /// The account's whole subtree.
    var data: JSON
}

/// How the `providers` tree maps onto rows: one `world_account` row per account, plus a skeleton.
///
/// Accounts get a row each so that they are queryable (and a later version can rewrite only the
/// accounts that changed). Everything else — the order of the provider keys, any member of a
/// provider node that is not its account list, and any list that cannot be keyed (an unknown
/// provider, an account without an id, duplicate ids) — stays in the skeleton, so that
/// `assemble(split(tree))` gives back the tree exactly, member order included, whatever it holds.
enum ProvidersLayout {
    /// Splits a providers tree into its skeleton (each keyed account list emptied) and its accounts in order.
    static func split(_ providers: JSON) -> (skeleton: JSON, accounts: [StoredAccount]) {
        guard case .object(var members) = providers else { return (providers, []) }
        var accounts: [StoredAccount] = []
        for index in members.indices {
            let (key, node) = members[index]
            guard let schema = WorldSchema.provider(key), let list = node[schema.accounts]?.arrayValue else { continue }
            let ids = list.compactMap { WorldSchema.idText($0[schema.accountID]) }
            guard ids.count == list.count, Set(ids).count == ids.count else { continue }
            var emptied = node
            emptied[schema.accounts] = .array([])
            members[index].1 = emptied
            for (id, account) in zip(ids, list) {
                accounts.append(StoredAccount(provider: key, account: id, data: account))
            }
        }
        return (.object(members), accounts)
    }

    /// Puts accounts (in their stored order) back into their providers' lists in the skeleton.
    static func assemble(skeleton: JSON, accounts: [StoredAccount]) -> JSON {
        guard case .object(var members) = skeleton, !accounts.isEmpty else { return skeleton }
        var byProvider: [String: [JSON]] = [:]
        for account in accounts { byProvider[account.provider, default: []].append(account.data) }
        for index in members.indices {
            let key = members[index].0
            guard let schema = WorldSchema.provider(key), let list = byProvider[key] else { continue }
            members[index].1[schema.accounts] = .array(list)
        }
        return .object(members)
    }
}
