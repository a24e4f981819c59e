import ArgumentParser
import BatonKit
import Foundation
import Testing

/// A connector's own options beside the standard ones, as an executable would declare them.
private struct TestCommand: ParsableCommand {
    @OptionGroup var baton: BatonOptions
    @Option var token: String?
    @Option var concurrency: Int?
}

private func resolve(_ arguments: [String], env: [String: String] = [:], yaml: String? = nil) throws -> (
    BatonConfiguration, ConfigSource, TestCommand
) {
    let command = try TestCommand.parse(arguments)
    let fileValues = try yaml.map { try ConfigSource.parseYAML($0, path: "test.yaml") } ?? [:]
    let source = ConfigSource(environment: env, fileValues: fileValues, filePath: "test.yaml")
    return (try command.baton.resolve(source, stdoutIsTerminal: false), source, command)
}

@Suite struct ConfigurationTests {
    @Test func defaults() throws {
        let (config, _, _) = try resolve([])
        #expect(config.file == "sync.c1z")
        #expect(config.logLevel == .info)
        #expect(config.logFormat == .json)
        #expect(config.action == .sync)
        #expect(!config.provisioning)
    }

    @Test func resumeFlags() throws {
        let (defaults, _, _) = try resolve([])
        #expect(defaults.resume.enabled && defaults.resume.maxAge == .seconds(86_400))
        #expect(defaults.syncOptions.resume == defaults.resume)
        let (flags, _, _) = try resolve(["--no-resume", "--resume-max-age", "1h30m"])
        #expect(!flags.resume.enabled && flags.resume.maxAge == .seconds(5_400))
        let (env, _, _) = try resolve([], env: ["BATON_NO_RESUME": "true", "BATON_RESUME_MAX_AGE": "90s"])
        #expect(!env.resume.enabled && env.resume.maxAge == .seconds(90))
        for bad in ["forever", "10", "0s", "5x"] {
            #expect(
                throws: BatonError.invalidArgument("invalid --resume-max-age \"\(bad)\": expected a duration such as 24h, 90m or 3600s")
            ) {
                _ = try resolve(["--resume-max-age", bad])
            }
        }
    }

    @Test func precedenceFlagOverEnvOverFile() throws {
        let yaml =
            "file: from-yaml.c1z\nlog-level: warn\ntoken: yaml-token\nconcurrency: 4\nsync-resource-types: [user, group]\nprovisioning: true\n"
        let env = ["BATON_FILE": "from-env.c1z", "BATON_TOKEN": "env-token"]
        let (config, source, command) = try resolve(["--file", "flag.c1z"], env: env, yaml: yaml)
        #expect(config.file == "flag.c1z")
        #expect(config.logLevel == .warning)  // only in YAML
        #expect(config.syncResourceTypes == ["user", "group"])
        #expect(config.provisioning)
        #expect(source.string(command.token, "token") == "env-token")  // env beats YAML
        #expect(try source.int(command.concurrency, "concurrency") == 4)
        let (noFlag, _, _) = try resolve([], env: env, yaml: yaml)
        #expect(noFlag.file == "from-env.c1z")
        let (flagToken, _, flagged) = try resolve(["--token", "flag-token"], env: env, yaml: yaml)
        _ = flagToken
        #expect(source.string(flagged.token, "token") == "flag-token")
    }

    @Test func listsAcceptRepeatsAndCommas() throws {
        let (config, _, _) = try resolve(["--sync-resource-types", "user,group", "--sync-resource-types", "role"])
        #expect(config.syncResourceTypes == ["user", "group", "role"])
        let (fromEnv, _, _) = try resolve([], env: ["BATON_SYNC_RESOURCE_TYPES": "user, role"])
        #expect(fromEnv.syncResourceTypes == ["user", "role"])
    }

    @Test func environmentNames() {
        #expect(ConfigSource.environmentName("skip-entitlements-and-grants") == "BATON_SKIP_ENTITLEMENTS_AND_GRANTS")
    }

    @Test func constraintErrors() throws {
        #expect(throws: BatonError.invalidArgument("--grant-entitlement requires --grant-principal and --grant-principal-type")) {
            try resolve(["--grant-entitlement", "group:g:member", "--grant-principal", "u1"])
        }
        #expect(throws: BatonError.invalidArgument("--client-id requires --client-secret")) {
            try resolve(["--client-id", "x@y/z"])
        }
        #expect(throws: BatonError.invalidArgument("--grant-entitlement and --revoke-grant cannot be used together")) {
            try resolve(["--grant-entitlement", "e", "--grant-principal", "u", "--grant-principal-type", "user", "--revoke-grant", "g"])
        }
        #expect(throws: BatonError.invalidArgument("--delete-resource requires --delete-resource-type")) {
            try resolve(["--delete-resource", "u1"])
        }
    }

    @Test func malformedValues() throws {
        #expect(throws: BatonError.invalidArgument("invalid --log-level \"loud\": expected debug, info, warn or error")) {
            try resolve(["--log-level", "loud"])
        }
        #expect(throws: BatonError.invalidArgument("invalid value \"maybe\" for BATON_PROVISIONING: expected true or false")) {
            try resolve([], env: ["BATON_PROVISIONING": "maybe"])
        }
        #expect(throws: BatonError.invalidArgument("--create-account-profile must be a JSON object")) {
            try resolve(["--create-account-login", "bob", "--create-account-profile", "[1]"])
        }
        let source = ConfigSource(environment: ["BATON_CONCURRENCY": "lots"])
        #expect(throws: BatonError.invalidArgument("invalid value \"lots\" for BATON_CONCURRENCY: expected an integer")) {
            try source.int(nil, "concurrency")
        }
        #expect(throws: BatonError.self) { try ConfigSource.parseYAML("- just\n- a list\n", path: "x.yaml") }
    }

    @Test func oneShotActionsEnableProvisioning() throws {
        let (config, _, _) = try resolve([
            "--grant-entitlement", "group:g:member", "--grant-principal", "u1", "--grant-principal-type", "user",
        ])
        #expect(config.action == .grant(entitlementId: "group:g:member", principalType: "user", principalId: "u1"))
        #expect(config.provisioning)
        let (service, _, _) = try resolve([], env: ["BATON_CLIENT_ID": "c@h/x", "BATON_CLIENT_SECRET": "s3cr3t-value"])
        guard case .service(_, let secret) = service.action else { Issue.record("not service mode"); return }
        #expect("\(secret)" == "[REDACTED]")
        #expect(!"\(service)".contains("s3cr3t-value"))
    }

    @Test func configPathMustBeYAML() throws {
        #expect(throws: BatonError.invalidArgument("BATON_CONFIG_PATH must end in .yaml or .yml: /tmp/x.json")) {
            try ConfigSource.load(environment: ["BATON_CONFIG_PATH": "/tmp/x.json"])
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("batonkit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "token: from-dot-file\n".write(to: dir.appendingPathComponent(".baton.yaml"), atomically: true, encoding: .utf8)
        let source = try ConfigSource.load(environment: [:], currentDirectory: dir.path)
        #expect(source.string(nil, "token") == "from-dot-file")
    }

    @Test func parseErrorsAreOneLineWithInvalidArgumentCode() throws {
        for arguments in [["--nope"], ["--concurrency", "many"], ["--file"]] {
            do {
                _ = try TestCommand.parseAsRoot(arguments)
                Issue.record("\(arguments) parsed")
            } catch {
                let failure = BatonCommandLine.failure(error, command: TestCommand.self)
                #expect(failure.exitCode == 3)
                #expect(!failure.message.contains("\n"))
                #expect(failure.message.hasPrefix("Error:"))
                #expect(!failure.message.contains("USAGE"))
            }
        }
        let typed = BatonCommandLine.failure(BatonError.unauthenticated("bad token"), command: TestCommand.self)
        #expect(typed == ("bad token", 16))
        #expect(BatonCommandLine.failure(BatonError.failedPrecondition("x"), command: TestCommand.self).exitCode == 9)
        struct Plain: Error {}
        #expect(BatonCommandLine.failure(Plain(), command: TestCommand.self).exitCode == 2)
    }
}
