import Foundation
import Logging

/// A swift-log handler printing zap-shaped lines as the Go SDK logs them, to stderr by default.
///
/// JSON: `{"level":"info","ts":1712345678.123,"caller":"SyncEngine.swift:42","msg":"...","key":"value"}`.
package struct BatonLogHandler: LogHandler {
    package var logLevel: Logger.Level
    package var metadata: Logger.Metadata = [:]
    package let format: BatonLogFormat
    package let sink: LogSink
    private let clock: @Sendable () -> Date

    package init(
        format: BatonLogFormat, level: Logger.Level = .info, sink: LogSink = .standardError(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.format = format
        self.logLevel = level
        self.sink = sink
        self.clock = clock
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// A logger named `label` using this handler.
    package static func logger(
        label: String, format: BatonLogFormat, level: Logger.Level = .info,
        sink: LogSink = .standardError()
    ) -> Logger {
        Logger(label: label) { _ in BatonLogHandler(format: format, level: level, sink: sink) }
    }

    package func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        let caller = "\((event.file as NSString).lastPathComponent):\(event.line)"
        let message = "\(event.message)"
        let level = BatonLogFormat.zapName(event.level)
        let now = clock()
        switch format {
        case .json:
            var line = "{\"level\":\(JSONText.string(level)),\"ts\":\(JSONText.seconds(now))"
            line += ",\"caller\":\(JSONText.string(caller)),\"msg\":\(JSONText.string(message))"
            for key in fields.keys.sorted() where !["level", "ts", "caller", "msg"].contains(key) {
                line += ",\(JSONText.string(key)):\(JSONText.value(fields[key]!))"
            }
            sink.emit(line + "}\n")
        case .console:
            let time = JSONText.iso8601(now)
            let object = fields.isEmpty ? "" : "\t" + JSONText.value(.dictionary(fields))
            sink.emit("\(time)\t\(level.uppercased())\t\(caller)\t\(message)\(object)\n")
        }
    }
}

/// Minimal JSON text building for log lines (key order matters, so no JSONEncoder).
enum JSONText {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func value(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): string(text)
        case .stringConvertible(let convertible): string(convertible.description)
        case .array(let items): "[" + items.map(Self.value).joined(separator: ",") + "]"
        case .dictionary(let dict):
            "{" + dict.keys.sorted().map { "\(string($0)):\(Self.value(dict[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    static func seconds(_ date: Date) -> String {
        String(format: "%.6f", date.timeIntervalSince1970)
    }

    static func iso8601(_ date: Date) -> String {
        var style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        style.timeZone = TimeZone(identifier: "UTC")!
        return date.formatted(style)
    }
}
