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
    public var code: BatonStatusCode
    public var message: String

    public init(_ code: BatonStatusCode, _ message: String) {
        self.code = code
        // One line, always: the CLI prints it verbatim on stderr.
        self.message = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    public var description: String { message }

    public static func invalidArgument(_ message: String) -> BatonError { .init(.invalidArgument, message) }
    public static func failedPrecondition(_ message: String) -> BatonError { .init(.failedPrecondition, message) }
    public static func notFound(_ message: String) -> BatonError { .init(.notFound, message) }
    public static func unimplemented(_ message: String) -> BatonError { .init(.unimplemented, message) }
    public static func `internal`(_ message: String) -> BatonError { .init(.internal, message) }
    public static func unauthenticated(_ message: String) -> BatonError { .init(.unauthenticated, message) }
}

/// Adopt this on a connector's own error type to choose the exit code it maps to.
public protocol BatonStatusError: Error {
    var batonStatusCode: BatonStatusCode { get }
}

extension BatonError: BatonStatusError {
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
