import BatonStore

/// Exit codes for c1z file failures: a destination another sync holds exits 10 (ABORTED, a
/// concurrency conflict), one that cannot be written or holds something other than a c1z 3 (a configuration mistake), the rest 2.
extension C1ZError: BatonStatusError {
    public var batonStatusCode: BatonStatusCode {
        switch self {
        case .locked: .aborted
        case .destinationUnusable, .unreadableDestination: .invalidArgument
        case .verificationFailed: .dataLoss
        default: .unknown
        }
    }
}
