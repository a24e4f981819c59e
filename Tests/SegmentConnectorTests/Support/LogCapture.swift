import Foundation
import Logging

/// One captured log record.
struct LogRecord: Sendable {
    var level: Logger.Level
    var message: String
    var metadata: [String: String]
    /// When it was logged, to see how long each sync phase took.
    var at: ContinuousClock.Instant = .now
}

/// A thread-safe list of log records. `@unchecked Sendable`: every access goes through `lock`.
final class LogRecords: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [LogRecord] = []

    func append(_ record: LogRecord) { lock.withLock { records.append(record) } }
    var all: [LogRecord] { lock.withLock { records } }

    /// Records at `.warning` or above.
    var warnings: [LogRecord] { all.filter { $0.level >= .warning } }

    /// A logger whose records land here (every level).
    func logger(label: String = "segment-connector-test") -> Logger {
        var logger = Logger(label: label) { _ in CapturingLogHandler(records: self) }
        logger.logLevel = .trace
        return logger
    }
}

/// A swift-log handler that keeps every record with its merged metadata rendered as strings.
struct CapturingLogHandler: LogHandler {
    let records: LogRecords
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        records.append(LogRecord(level: event.level, message: event.message.description,
                                 metadata: merged.mapValues { $0.description }))
    }
}
