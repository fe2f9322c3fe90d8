import ArgumentParser
import TelesimApp

/// `telesim openapi PROVIDER`: prints the provider's OpenAPI 3.1 document, as served.
struct OpenAPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Print a provider's OpenAPI 3.1 document (edesy-agents, edesy-masking, voiso, exotel, ringyo)."
    )

    @Argument(help: "The provider name.")
    var provider: String

    func run() throws {
        guard let document = openAPIDocument(for: provider) else {
            throw ValidationError("unknown provider \"\(provider)\" (expected one of \(providerNames.joined(separator: ", ")))")
        }
        print(document)
    }
}
