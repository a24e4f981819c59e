/// A secret setting (client secret, API token). Its description is redacted so that it cannot
/// reach a log line, an error message or a dump of the configuration by accident.
package struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret itself; read it only where it is sent to the service that needs it.
    package let value: String
    package init(_ value: String) { self.value = value }
    package var description: String { "[REDACTED]" }
    package var debugDescription: String { "[REDACTED]" }
}

/// What a secret given on the command line, in the environment or a config file may contain: no
/// whitespace and no control characters. A secret with them is a copy-and-paste mistake, and an
/// HTTP library would refuse it in a header and quote it (escaped) in its error text.
package enum SecretText {
    package static func hasForbiddenCharacters(_ secret: String) -> Bool {
        secret.unicodeScalars.contains { scalar in
            scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .format
        }
    }
}
