/// A secret setting (client secret, API token). Its description is redacted so that it cannot
/// reach a log line, an error message or a dump of the configuration by accident.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret itself; read it only where it is sent to the service that needs it.
    public let value: String
    public init(_ value: String) { self.value = value }
    public var description: String { "[REDACTED]" }
    public var debugDescription: String { "[REDACTED]" }
}
