import Logging
import Synchronization

/// Log records kept in memory, for tests that check what was (and was not) logged, and for tests
/// that wait until something is logged instead of sleeping.
public final class CapturedLogs: Sendable {
    /// One record, with its metadata (the logger's and the call's, merged) rendered as text.
    public struct Record: Sendable {
        public var level: Logger.Level
        public var message: String
        public var metadata: [String: String]
        /// When it was logged (to see how long a phase took).
        public var at: ContinuousClock.Instant

        /// The message and its metadata on one line, as a log file would show them.
        public var line: String {
            ([message] + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
        }
    }

    private struct Waiter {
        let matches: @Sendable (Record) -> Bool
        let continuation: CheckedContinuation<Record, Never>
    }

    private struct State {
        var records: [Record] = []
        var waiters: [Waiter] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Every record so far, oldest first.
    public var all: [Record] { state.withLock { $0.records } }

    /// Records at `.warning` or above.
    public var warnings: [Record] { all.filter { $0.level >= .warning } }

    /// Returns the first record (already logged or still to come) that `matches`.
    public func first(where matches: @escaping @Sendable (Record) -> Bool) async -> Record {
        await withCheckedContinuation { continuation in
            let found: Record? = state.withLock { state in
                if let record = state.records.first(where: matches) { return record }
                state.waiters.append(Waiter(matches: matches, continuation: continuation))
                return nil
            }
            if let found { continuation.resume(returning: found) }
        }
    }

    /// Waits for a record whose message is `message`.
    @discardableResult
    public func waitFor(message: String) async -> Record { await first { $0.message == message } }

    /// A logger, at every level, whose records land here.
    public func logger(label: String = "test") -> Logger {
        var logger = Logger(label: label) { _ in Handler(sink: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ record: Record) {
        let ready = state.withLock { state in
            state.records.append(record)
            let matched = state.waiters.filter { $0.matches(record) }
            state.waiters.removeAll { $0.matches(record) }
            return matched.map(\.continuation)
        }
        for continuation in ready { continuation.resume(returning: record) }
    }

    private struct Handler: LogHandler {
        let sink: CapturedLogs
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            sink.append(
                Record(
                    level: event.level, message: event.message.description,
                    metadata: merged.mapValues(\.description), at: .now))
        }
    }
}
