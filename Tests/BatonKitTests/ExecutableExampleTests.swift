import ArgumentParser
import BatonKit
import Testing

/// The shape of a connector executable's main, kept compiling here (see the BatonKit report).
private struct ExampleMain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton-example", version: "1.2.3",
        subcommands: [ExampleCapabilities.self])
    @OptionGroup var baton: BatonOptions
    @Option(help: "API token.") var token: String?

    mutating func run() async throws {
        let source = try ConfigSource.load()
        let config = try baton.resolve(source)
        guard let token = source.string(token, "token").map(Secret.init) else {
            throw BatonError.invalidArgument("access token is missing")
        }
        let (logger, _) = try BatonLogging.makeLogger(label: "baton-example", configuration: config, secrets: [token])
        let outcome = try await BatonRunner(connector: FakeConnector(syncers: []), configuration: config, logger: logger).run()
        print(outcome.line)
    }
}

private struct ExampleCapabilities: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "capabilities")
    @OptionGroup var baton: BatonOptions
    func run() async throws {
        print(try Capabilities.json(FakeConnector(syncers: [FakeSyncer(resourceType: Fixture.userType)])), terminator: "")
    }
}

@Suite struct ExecutableExampleTests {
    @Test func versionAndHelpExitZero() throws {
        for arguments in [["--version"], ["--help"]] {
            do {
                // `--help` may come back as ArgumentParser's help command, whose run() exits cleanly.
                var parsed = try ExampleMain.parseAsRoot(arguments)
                if !(parsed is ExampleMain) { try parsed.run() }
                Issue.record("expected a clean exit for \(arguments)"); continue
            } catch {
                let outcome = BatonCommandLine.failure(error, command: ExampleMain.self)
                #expect(outcome.exitCode == 0)
                if arguments == ["--version"] { #expect(outcome.message == "1.2.3") }
            }
        }
    }

    @Test func subcommandAndStandardFlagsParse() throws {
        let parsed = try ExampleMain.parseAsRoot(["capabilities", "-f", "x.c1z"])
        #expect((parsed as? ExampleCapabilities)?.baton.file == "x.c1z")
        let root = try #require(try ExampleMain.parseAsRoot(["-p", "--token", "t", "--sync-resource-types", "user"]) as? ExampleMain)
        #expect(root.baton.provisioning && root.token == "t" && root.baton.syncResourceTypes == ["user"])
    }
}
