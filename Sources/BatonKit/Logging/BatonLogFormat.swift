import Logging

/// The two log line shapes of Baton connectors (docs/baton-conventions.md, "Logs").
package enum BatonLogFormat: String, Sendable, CaseIterable {
    /// One JSON object per line: `level`, `ts`, `caller`, `msg`, then fields.
    case json
    /// Tab-separated ISO-8601 time, upper-case level, caller, message, fields as JSON.
    case console

    /// Parses a `--log-level` value (`debug`, `info`, `warn`, `error`; `warning` also accepted).
    package static func level(named name: String) -> Logger.Level? {
        switch name.lowercased() {
        case "debug": .debug
        case "info": .info
        case "warn", "warning": .warning
        case "error": .error
        default: nil
        }
    }

    /// The zap level name a swift-log level is printed as.
    static func zapName(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: "debug"
        case .info, .notice: "info"
        case .warning: "warn"
        case .error, .critical: "error"
        }
    }
}
