import BatonStore

/// Exit codes for c1z file failures: a destination another sync holds exits 10 (ABORTED, a
/// concurrency conflict), one that cannot be written or holds something other than a c1z 3 (a
/// configuration mistake), a written file that fails verification 15 (DATA_LOSS), the rest 2.
extension C1ZError: BatonStatusError {
    /// `ABORTED` when locked, `INVALID_ARGUMENT` for an unusable destination, `DATA_LOSS` when the
    /// written file fails verification, `UNKNOWN` otherwise.
    public var batonStatusCode: BatonStatusCode {
        switch self {
        case .locked: .aborted
        case .destinationUnusable, .unreadableDestination: .invalidArgument
        case .verificationFailed: .dataLoss
        default: .unknown
        }
    }
}
