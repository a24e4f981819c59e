import SegmentSimulator

/// One row of the matrix: what is done to a sync, on which workspace preset.
struct FaultCase: Sendable {
    enum Kind: Sendable {
        /// The simulator injects `faults` at `rate` into every API request.
        case injected(faults: [Fault], rate: Double)
        /// `processes` syncs start together into one file (optionally with `--wait-for-lock`).
        case concurrent(processes: Int, waitForLock: Bool)
        /// A signal lands `afterMs` into the sync.
        case signal(number: Int32, afterMs: Int)
    }

    var preset: String
    var kind: Kind
    /// Seeds the simulator's fault draws so a row can be replayed.
    var seed: UInt64

    /// The table row this case is counted in.
    var row: String {
        switch kind {
        case .injected(let faults, let rate):
            let name = faults.count > 1 ? "mixed" : faults.first?.rawValue ?? "none"
            return "\(preset) \(name) \(Int((rate * 100).rounded()))%"
        case .concurrent(let processes, let wait):
            return "\(preset) \(processes) syncs into one file\(wait ? ", --wait-for-lock" : "")"
        case .signal(let number, _):
            return "\(preset) \(number == 2 ? "SIGINT" : "SIGTERM") at a random moment"
        }
    }

    /// The whole matrix: each fault alone and mixed at 5%, 20% and 50% on each preset, concurrent
    /// syncs into one file, and signals at seeded random moments.
    static func matrix(presets: [String], runsPerFault: Int, signalRuns: Int, concurrentRuns: Int) -> [FaultCase] {
        var cases: [FaultCase] = []
        var seed: UInt64 = 1
        let kinds: [[Fault]] = Fault.allCases.map { [$0] } + [Fault.allCases]
        for preset in presets {
            for faults in kinds {
                for rate in [0.05, 0.20, 0.50] {
                    for _ in 0..<runsPerFault {
                        cases.append(FaultCase(preset: preset, kind: .injected(faults: faults, rate: rate), seed: seed))
                        seed += 1
                    }
                }
            }
        }
        let last = presets.last ?? "small"
        for run in 0..<concurrentRuns {
            cases.append(FaultCase(preset: last, kind: .concurrent(processes: run % 2 == 0 ? 2 : 3, waitForLock: false), seed: seed))
            cases.append(FaultCase(preset: last, kind: .concurrent(processes: 2, waitForLock: true), seed: seed + 1))
            seed += 2
        }
        var generator = SplitMix(seed: 42)
        for run in 0..<signalRuns {
            let number: Int32 = run % 2 == 0 ? 2 : 15
            cases.append(FaultCase(preset: last, kind: .signal(number: number, afterMs: Int(generator.next() % 2_500) + 20), seed: seed))
            seed += 1
        }
        return cases
    }
}

/// A tiny seeded generator for the signal moments (same moments on every run of the matrix).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
