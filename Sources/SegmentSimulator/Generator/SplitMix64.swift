/// SplitMix64: a tiny, fast PRNG whose output is fixed by its seed on every platform and Swift
/// version (Swift's own random APIs make no such promise, so they are never used here).
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform-enough integer in `0..<bound` (bound > 0); multiply-high avoids modulo bias hotspots.
    mutating func int(below bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Integer in the closed range.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.count)
    }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { int(below: 100) < percent }

    /// Uniform double in 0..<1.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func pick<T>(_ items: [T]) -> T { items[int(below: items.count)] }

    /// `count` distinct indices below `bound` in ascending order.
    mutating func distinctIndices(_ count: Int, below bound: Int) -> [Int] {
        let wanted = min(count, bound)
        var chosen = Set<Int>()
        while chosen.count < wanted { chosen.insert(int(below: bound)) }
        return chosen.sorted()
    }

    private static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// A Segment-looking opaque id: base62 characters.
    mutating func segmentId(length: Int = 22) -> String {
        var chars: [Character] = []
        chars.reserveCapacity(length)
        var bits = next()
        for i in 0..<length {
            if i % 10 == 9 { bits = next() }
            chars.append(Self.base62[Int(bits % 62)])
            bits /= 62
        }
        return String(chars)
    }
}
