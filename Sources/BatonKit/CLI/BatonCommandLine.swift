import ArgumentParser
import Foundation
import Logging

/// Entry point conventions for a connector's executable (docs/baton-conventions.md, "Exit codes"): help and `--version` on stdout
/// with exit 0; any error as one line on stderr (never the usage dump) with a gRPC-like exit code
/// (command-line and configuration mistakes exit 3, `INVALID_ARGUMENT`).
package enum BatonCommandLine {
    /// Parses `arguments` as `Command` (with its subcommands), runs it, and exits.
    package static func main<Command: ParsableCommand>(_ command: Command.Type, arguments: [String]? = nil) async -> Never {
        do {
            var parsed = try Command.parseAsRoot(arguments)
            if var runnable = parsed as? any AsyncParsableCommand {
                try await runnable.run()
            } else {
                try parsed.run()
            }
            exit(0)
        } catch {
            let outcome = failure(error, command: Command.self)
            if outcome.exitCode == 0 {
                if !outcome.message.isEmpty { print(outcome.message) }
            } else {
                FileHandle.standardError.write(Data((outcome.message + "\n").utf8))
            }
            exit(outcome.exitCode)
        }
    }

    /// The message and exit code for `error`: help/version text with 0, else one line.
    package static func failure<Command: ParsableCommand>(_ error: any Error, command: Command.Type) -> (message: String, exitCode: Int32) {
        if error is any BatonStatusError || error is CancellationError {
            return (oneLine("\(error)"), BatonStatusCode.of(error).rawValue)
        }
        if let code = error as? ExitCode { return ("", code.rawValue) }
        // Anything ArgumentParser raised: help/version requests exit 0, parse errors are usage mistakes.
        let parserCode = Command.exitCode(for: error)
        if parserCode == .success { return (Command.fullMessage(for: error), 0) }
        if parserCode == .validationFailure {
            var message = oneLine(Command.message(for: error))
            if !message.lowercased().hasPrefix("error") { message = "Error: " + message }
            return (message, BatonStatusCode.invalidArgument.rawValue)
        }
        return (oneLine("\(error)"), BatonStatusCode.unknown.rawValue)
    }

    /// Longest error line printed; anything longer was carrying data, not a message.
    static let maxLineCharacters = 1_000

    private static func oneLine(_ text: String) -> String {
        let line =
            text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.first ?? text
        return line.count > maxLineCharacters ? String(line.prefix(maxLineCharacters)) + "…" : line
    }
}

/// Builds the process's logger from the resolved configuration.
package enum BatonLogging {
    /// A logger writing Baton-shaped lines (docs/baton-conventions.md, "Logs") to stderr (or `--log-path`) at `--log-level`, redacting
    /// `secrets` (the client secret is always added). Returns the sink so more secrets can be added.
    package static func makeLogger(
        label: String, configuration: BatonConfiguration,
        secrets: [Secret] = []
    ) throws -> (logger: Logger, sink: LogSink) {
        let sink = try configuration.logPath.map(LogSink.file(atPath:)) ?? .standardError()
        for secret in secrets { sink.redact(secret.value) }
        if case .service(_, let clientSecret) = configuration.action { sink.redact(clientSecret.value) }
        let logger = BatonLogHandler.logger(
            label: label, format: configuration.logFormat,
            level: configuration.logLevel, sink: sink)
        return (logger, sink)
    }
}
