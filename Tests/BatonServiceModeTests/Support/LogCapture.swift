import Logging
import Synchronization

/// Log records kept in memory, for tests that check what was (and was not) logged.
final class CapturedLogs: Sendable {
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
        /// The message and its metadata on one line, as a log file would show them.
        var line: String { ([message] + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: " ") }
    }

    private struct State {
        var records: [Record] = []
        var waiters: [(matches: @Sendable (Record) -> Bool, continuation: CheckedContinuation<Record, Never>)] = []
    }
    private let state = Mutex(State())

    var all: [Record] { state.withLock { $0.records } }

    /// Returns the first record (already logged or still to come) that `matches`.
    func first(where matches: @escaping @Sendable (Record) -> Bool) async -> Record {
        await withCheckedContinuation { continuation in
            let found: Record? = state.withLock { state in
                if let record = state.records.first(where: matches) { return record }
                state.waiters.append((matches, continuation))
                return nil
            }
            if let found { continuation.resume(returning: found) }
        }
    }

    /// Waits for a record whose message is `message`.
    @discardableResult
    func waitFor(message: String) async -> Record { await first { $0.message == message } }

    func logger(label: String = "service-mode-test") -> Logger {
        var logger = Logger(label: label) { _ in Handler(sink: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ record: Record) {
        let ready = state.withLock { state in
            state.records.append(record)
            let (matched, waiting) = (state.waiters.filter { $0.matches(record) }, state.waiters.filter { !$0.matches(record) })
            state.waiters = waiting
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
            sink.append(Record(level: event.level, message: event.message.description, metadata: merged.mapValues(\.description)))
        }
    }
}
