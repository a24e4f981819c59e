import Foundation
import Redaction

/// Where log lines go (stderr, a file, or a closure in tests), with a last line of defence
/// against secrets: every registered secret, in any escaped or percent-encoded spelling, is
/// replaced by `[REDACTED]` before a line is written.
///
/// `@unchecked Sendable` because it is a lock-protected box: every mutable field is only touched
/// while holding `lock`, and writes must be serialised so lines never interleave.
package final class LogSink: @unchecked Sendable {
    private let lock = NSLock()
    private let write: @Sendable (String) -> Void
    private var secrets: [String] = []
    private var forms: [String] = []

    /// A sink calling `write` with each finished line (newline included).
    package init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Standard error.
    package static func standardError() -> LogSink {
        LogSink { line in FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Appends to the file at `path` (created if missing).
    package static func file(atPath path: String) throws -> LogSink {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw BatonError.invalidArgument("cannot create log file \(path)")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw BatonError.invalidArgument("cannot open log file \(path)")
        }
        handle.seekToEndOfFile()
        return LogSink { line in handle.write(Data(line.utf8)) }
    }

    /// Never print this value: lines containing it get `[REDACTED]` in its place.
    package func redact(_ secret: String) {
        guard secret.count >= 4 else { return }  // too short to redact without mangling ordinary text
        lock.lock(); defer { lock.unlock() }
        if !secrets.contains(secret) {
            secrets.append(secret)
            forms = secrets.flatMap(SecretForms.of).sorted { $0.count > $1.count }
        }
    }

    func emit(_ line: String) {
        lock.lock(); defer { lock.unlock() }
        write(SecretForms.redact(line, forms: forms, replacement: "[REDACTED]"))
    }
}
