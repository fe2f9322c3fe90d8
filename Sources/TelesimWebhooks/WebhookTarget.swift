import Foundation

/// A webhook URL after `${telesim}` expansion, checked before any socket is opened.
///
/// Checked here rather than left to AsyncHTTPClient because it also accepts `unix:` and
/// `http+unix:` schemes, which must not be reachable from a scenario file, and because its errors
/// say less than "invalid URL 'x': no host".
struct WebhookTarget: Equatable {
    /// The URL to send to.
    var url: String
    /// The `Host` header value: host, plus `:port` when it is not the scheme's default.
    var hostHeader: String

    /// The variable a URL may start with to mean "this server".
    static let variable = "${telesim}"

    /// Why a URL cannot be sent to; `message` is what the delivery log shows.
    struct Invalid: Error, Equatable {
        /// e.g. `invalid URL 'ftp://h/x': unsupported scheme 'ftp' (expected http or https)`.
        var message: String
    }

    /// Expands `${telesim}` with `baseURL` and validates the result as an absolute http(s) URL.
    init(_ raw: String, baseURL: String?) throws(Invalid) {
        var expanded = raw.trimmingCharacters(in: .whitespaces)
        if expanded.hasPrefix(Self.variable) {
            guard let baseURL, !baseURL.isEmpty else {
                throw Invalid(message: "invalid URL '\(raw)': the server's base URL for ${telesim} is not known yet")
            }
            expanded = baseURL + expanded.dropFirst(Self.variable.count)
        }
        guard !expanded.isEmpty else { throw Invalid(message: "invalid URL: empty") }
        guard let components = URLComponents(string: expanded) else {
            throw Invalid(message: "invalid URL '\(expanded)'")
        }
        guard let scheme = components.scheme?.lowercased() else {
            throw Invalid(message: "invalid URL '\(expanded)': no scheme (expected http or https)")
        }
        guard scheme == "http" || scheme == "https" else {
            throw Invalid(message: "invalid URL '\(expanded)': unsupported scheme '\(scheme)' (expected http or https)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw Invalid(message: "invalid URL '\(expanded)': no host")
        }
        guard URL(string: expanded) != nil else {
            throw Invalid(message: "invalid URL '\(expanded)'")
        }
        let defaultPort = scheme == "https" ? 443 : 80
        // URLComponents keeps IPv6 literals in brackets on some platforms and not on others.
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        if let port = components.port, port != defaultPort {
            hostHeader = "\(bracketed):\(port)"
        } else {
            hostHeader = bracketed
        }
        url = expanded
    }
}
