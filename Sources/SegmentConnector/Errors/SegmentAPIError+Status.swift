import BatonKit
import SegmentAPI

/// Exit codes for Segment failures, as the Go SDK maps errors to gRPC codes (docs/baton-conventions.md,
/// "Exit codes"): a bad token exits 16 (UNAUTHENTICATED), a refused write 3, an outage 14, and so on.
extension SegmentAPIError: BatonStatusError {
    /// The gRPC code this failure exits with.
    public var batonStatusCode: BatonStatusCode {
        switch self {
        case .unauthorized: .unauthenticated
        case .forbidden: .permissionDenied
        case .notFound: .notFound
        case .featureNotInPlan: .failedPrecondition
        case .validation: .invalidArgument
        case .rateLimited: .resourceExhausted
        case .server, .transport: .unavailable
        case .undecodable, .repeatedCursor, .tooManyPages: .internal
        case .waitRefused: .resourceExhausted
        case .invalidIdentifier: .invalidArgument
        }
    }
}

/// A client configuration mistake (bad base URL, malformed token) is a usage error: exit 3.
extension SegmentConfigurationError: BatonStatusError {
    /// Always INVALID_ARGUMENT (exit 3).
    public var batonStatusCode: BatonStatusCode { .invalidArgument }
}
