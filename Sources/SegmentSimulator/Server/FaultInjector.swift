/// Chooses the fault (if any) for each API request: scripted faults first, in order, then the
/// seeded random `faultRate`. Deterministic for a given seed and request order.
struct FaultInjector: Sendable {
    private let rate: Double
    private let faults: [Fault]
    private let seed: UInt64
    private var rng: SplitMix64
    private var script: [ScriptedFault] = []

    init(rate: Double, faults: [Fault], seed: UInt64) {
        self.rate = min(1, max(0, rate))
        self.faults = faults
        self.seed = seed
        rng = SplitMix64(seed: seed)
    }

    mutating func add(_ more: [ScriptedFault]) { script += more.filter { $0.count > 0 } }

    mutating func next(for operation: Operation) -> Fault? {
        if let i = script.firstIndex(where: { $0.operation == nil || $0.operation == operation.rawValue }) {
            let fault = script[i].fault
            script[i].count -= 1
            if script[i].count <= 0 { script.remove(at: i) }
            return fault
        }
        guard rate > 0, !faults.isEmpty else { return nil }
        let roll = rng.unit()
        let which = rng.int(below: faults.count)  // drawn every time so the sequence stays aligned
        return roll < rate ? faults[which] : nil
    }

    mutating func clear() {
        script = []
        rng = SplitMix64(seed: seed)
    }
}
