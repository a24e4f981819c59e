import Foundation

/// KSUIDs for `sync_id` (§1.4): 4-byte big-endian seconds since 1400000000 + 16 random bytes,
/// base62 (`0-9A-Za-z`), left-padded with `0` to 27 characters.
public enum SyncID {
    private static let epoch: UInt64 = 1_400_000_000
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// A new KSUID for `date`.
    public static func make(date: Date = Date()) -> String {
        var rng = SystemRandomNumberGenerator()
        let seconds = UInt32(clamping: UInt64(max(0, date.timeIntervalSince1970)) &- epoch)
        var bytes: [UInt8] = [UInt8(seconds >> 24), UInt8((seconds >> 16) & 0xff), UInt8((seconds >> 8) & 0xff), UInt8(seconds & 0xff)]
        for _ in 0..<16 { bytes.append(UInt8.random(in: 0...255, using: &rng)) }
        return encode(bytes)
    }

    /// Base62 of a 20-byte big-endian number, 27 characters.
    static func encode(_ bytes: [UInt8]) -> String {
        var number = bytes
        var digits: [Character] = []
        while number.contains(where: { $0 != 0 }) {
            var remainder = 0
            var quotient: [UInt8] = []
            for byte in number {
                let accumulator = remainder * 256 + Int(byte)
                let digit = accumulator / 62
                remainder = accumulator % 62
                if !quotient.isEmpty || digit != 0 { quotient.append(UInt8(digit)) }
            }
            digits.append(alphabet[remainder])
            number = quotient
        }
        let text = String(digits.reversed())
        return String(repeating: "0", count: max(0, 27 - text.count)) + text
    }
}
