import ArgumentParser
import BatonKit
import Foundation
import Testing

private struct HardenedCommand: ParsableCommand {
    @OptionGroup var baton: BatonOptions
}

/// Odd and hostile input to the standard options: config files, secrets, long ids.
@Suite("Input hardening")
struct InputHardeningTests {
    /// Nine levels of nine-fold aliases: ~387 million scalars if expanded, 250-odd bytes as text.
    static let aliasBomb = """
        a: &a ["x","x","x","x","x","x","x","x","x"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """

    @Test("a YAML alias bomb is refused at once instead of expanding")
    func aliasBombIsRefused() throws {
        let start = ContinuousClock.now
        let error = #expect(throws: BatonError.self) { _ = try ConfigSource.parseYAML(Self.aliasBomb, path: "bomb.yaml") }
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("bomb.yaml") == true, "\(String(describing: error))")
    }

    @Test("aliases of plain values still work")
    func scalarAliasesWork() throws {
        let values = try ConfigSource.parseYAML("file: &f one.c1z\nlog-path: *f\nsync-resource-types: [user, *f]\n", path: "ok.yaml")
        #expect(values["log-path"] == ["one.c1z"])
        #expect(values["sync-resource-types"] == ["user", "one.c1z"])
    }

    @Test("a config file larger than the cap is refused without being parsed")
    func oversizedConfigIsRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("big.yaml").path
        let line = "# " + String(repeating: "x", count: 1_000) + "\n"
        try String(repeating: line, count: 300).write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: BatonError.self) { _ = try ConfigSource.load(environment: ["BATON_CONFIG_PATH": path]) }
        #expect(error?.message.contains("larger than") == true)
    }

    @Test(
        "a client secret with whitespace or a control character is a one-line usage error that does not echo it",
        arguments: ["sec\u{01}ret-SHH", "sec ret-SHH", "secret-SHH\n"])
    func malformedClientSecretIsRefused(_ secret: String) throws {
        let command = try HardenedCommand.parse(["--client-id", "id"])
        let source = ConfigSource(environment: ["BATON_CLIENT_SECRET": secret])
        let error = #expect(throws: BatonError.self) { _ = try command.baton.resolve(source, stdoutIsTerminal: false) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("SHH") == false)
        #expect(error?.message.contains("\n") == false)
    }

    @Test("--wait-for-lock comes from the flag, BATON_WAIT_FOR_LOCK or the file")
    func waitForLockResolves() throws {
        #expect(try HardenedCommand.parse([]).baton.resolve(ConfigSource(), stdoutIsTerminal: false).waitForLock == false)
        #expect(try HardenedCommand.parse(["--wait-for-lock"]).baton.resolve(ConfigSource(), stdoutIsTerminal: false).waitForLock)
        #expect(
            try HardenedCommand.parse([]).baton.resolve(
                ConfigSource(environment: ["BATON_WAIT_FOR_LOCK": "true"]),
                stdoutIsTerminal: false
            ).waitForLock)
        #expect(
            try HardenedCommand.parse([]).baton.resolve(
                ConfigSource(fileValues: ["wait-for-lock": ["true"]]),
                stdoutIsTerminal: false
            ).waitForLock)
    }

    @Test("the log sink redacts a secret in escaped and percent-encoded form too")
    func logSinkRedactsEveryForm() {
        let lines = LockedLines()
        let sink = LogSink { lines.append($0) }
        let secret = "ab\u{01}cd/SHH+x"
        sink.redact(secret)
        sink.emitForTest("refused header \(String(reflecting: "Bearer \(secret)"))")
        sink.emitForTest("url ?t=\(secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
        sink.emitForTest("raw \(secret)")
        for line in lines.all { #expect(!line.contains("SHH"), "\(line)") }
    }

    @Test("a 10 KB id is cut in error messages")
    func longIdsAreCut() {
        let id = String(repeating: "a", count: 10_240)
        let shown = IdentifierText.shown(id)
        #expect(shown.count < 200 && shown.contains("10240 characters"))
        #expect(IdentifierText.shown("user:u1") == "user:u1")
        let line = BatonCommandLine.failure(BatonError.notFound("x \(id)"), command: HardenedCommand.self).message
        #expect(line.count <= 1_001)
    }
}

/// Lines a sink wrote.
final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.lock(); stored.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}

extension LogSink {
    /// Writes `line` the way a log handler does.
    func emitForTest(_ line: String) {
        let logger = BatonLogHandler.logger(label: "t", format: .console, level: .info, sink: self)
        logger.info("\(line)")
    }
}
