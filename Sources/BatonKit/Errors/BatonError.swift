/// The status codes a Baton command exits with (as the Go SDK: the gRPC code of a typed error; docs/baton-conventions.md, "Exit codes").
public enum BatonStatusCode: Int32, Sendable, CaseIterable {
    case ok = 0
    case cancelled = 1
    case unknown = 2
    case invalidArgument = 3
    case deadlineExceeded = 4
    case notFound = 5
    case alreadyExists = 6
    case permissionDenied = 7
    case resourceExhausted = 8
    case failedPrecondition = 9
    case aborted = 10
    case outOfRange = 11
    case unimplemented = 12
    case `internal` = 13
    case unavailable = 14
    case dataLoss = 15
    case unauthenticated = 16
}

/// An error meant for people: a status code and a one-line message.
///
/// Connectors throw it (or conform their own errors to ``BatonStatusError``) so that the
/// command exits with the right code; the message is printed as-is, so it must never carry a secret.
public struct BatonError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The gRPC status the command exits with.
    public var code: BatonStatusCode
    /// The one-line text shown to people (newlines are folded into spaces).
    public var message: String

    /// An error with `code`; `message` is folded onto one line.
    public init(_ code: BatonStatusCode, _ message: String) {
        self.code = code
        // One line, always: the CLI prints it verbatim on stderr.
        self.message = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// The message alone, as the CLI prints it.
    public var description: String { message }

    /// Exit 3: the input (a flag, an id, a request field) is wrong.
    public static func invalidArgument(_ message: String) -> BatonError { .init(.invalidArgument, message) }
    /// Exit 9: the request is well formed but the current state does not allow it.
    public static func failedPrecondition(_ message: String) -> BatonError { .init(.failedPrecondition, message) }
    /// Exit 5: the named object does not exist (in the file or upstream).
    public static func notFound(_ message: String) -> BatonError { .init(.notFound, message) }
    /// Exit 12: the connector does not offer this operation for this resource type.
    public static func unimplemented(_ message: String) -> BatonError { .init(.unimplemented, message) }
    /// Exit 13: a broken invariant, a bug rather than bad input.
    public static func `internal`(_ message: String) -> BatonError { .init(.internal, message) }
    /// Exit 16: the credentials were missing or refused.
    public static func unauthenticated(_ message: String) -> BatonError { .init(.unauthenticated, message) }
}

/// Adopt this on a connector's own error type to choose the exit code it maps to.
public protocol BatonStatusError: Error {
    /// The gRPC status the command exits with when this error ends it.
    var batonStatusCode: BatonStatusCode { get }
}

extension BatonError: BatonStatusError {
    /// The error's own ``code``.
    public var batonStatusCode: BatonStatusCode { code }
}

extension BatonStatusCode {
    /// The exit code for any error: its typed code, 1 for cancellation, otherwise 2 (`UNKNOWN`).
    public static func of(_ error: any Error) -> BatonStatusCode {
        if let typed = error as? any BatonStatusError { return typed.batonStatusCode }
        if error is CancellationError { return .cancelled }
        return .unknown
    }
}
