/// HTTP requests sent per operation (retries included), for the demo and bench.
actor RequestCounter {
    private var counts: [String: Int] = [:]

    func record(_ operation: String) {
        counts[operation, default: 0] += 1
    }

    var snapshot: [String: Int] { counts }
}
