/// A secret setting (client secret, API token). Its description is redacted so that it cannot
/// reach a log line, an error message or a dump of the configuration by accident.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret itself; read it only where it is sent to the service that needs it.
    public let value: String
    public init(_ value: String) { self.value = value }
    public var description: String { "[REDACTED]" }
    public var debugDescription: String { "[REDACTED]" }
}

/// What a secret given on the command line, in the environment or a config file may contain: no
/// whitespace and no control characters. A secret with them is a copy-and-paste mistake, and an
/// HTTP library would refuse it in a header and quote it (escaped) in its error text.
public enum SecretText {
    public static func hasForbiddenCharacters(_ secret: String) -> Bool {
        secret.unicodeScalars.contains { scalar in
            scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .format
        }
    }
}
