import ArgumentParser
import BatonKit
import Foundation

/// `changes`: what changed between the two newest finished full syncs of `--file`, in words
/// (text) or as one JSON object. Needs no token: it only reads the file.
struct ChangesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "Say what changed between the two newest syncs in --file (a file holding fewer than two exits 9).")

    @OptionGroup var baton: BatonOptions

    @Option(help: "Output format: text or json (default text).")
    var output: String = "text"

    func run() async throws {
        guard output == "text" || output == "json" else {
            throw BatonError.invalidArgument("invalid --output \"\(output.prefix(100))\": expected text or json")
        }
        let configuration = try baton.resolve(try ConfigSource.load())
        let changes = try SyncChanges.latest(in: configuration.file, tempDirectory: configuration.c1zTempDir)
        let report = ChangeReport(changes, file: configuration.file)
        print(output == "json" ? try report.json() : report.text)
    }
}
