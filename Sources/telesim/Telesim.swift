import ArgumentParser
import TelesimApp

/// The `telesim` command line.
@main
struct Telesim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "telesim",
        abstract: "An offline simulator of five telephony providers' outbound-call APIs.",
        version: telesimVersion,
        subcommands: [Serve.self, Validate.self, Run.self, OpenAPI.self],
        defaultSubcommand: Serve.self
    )
}
