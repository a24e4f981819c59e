import Logging

/// A swift-log handler that keeps every rendered line (message + metadata) for inspection.
struct CapturingLogHandler: LogHandler {
    let lines: LockedBox<[String]>
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        lines.withLock { $0.append("\(event.level) \(event.message) \(rendered)") }
    }
}

/// A logger whose lines land in `lines`.
func capturingLogger(_ lines: LockedBox<[String]>) -> Logger {
    Logger(label: "segment-api-test") { _ in CapturingLogHandler(lines: lines) }
}
