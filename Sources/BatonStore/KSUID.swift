import Foundation

/// K-sortable unique ids used as c1z sync ids (docs/baton-conventions.md, "Column values"): 4-byte big-endian seconds
/// since 1400000000 followed by 16 random bytes, base62 (`0-9A-Za-z`), left-padded to 27 chars.
package enum KSUID {
    /// Unix time of KSUID second 0 (2014-05-13T16:53:20Z).
    package static let epoch: Int64 = 1_400_000_000
    /// Length of the base62 text form.
    package static let stringLength = 27
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// A new KSUID for `date` with fresh random payload.
    package static func generate(at date: Date = Date()) -> String {
        var rng = SystemRandomNumberGenerator()
        let payload = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return encode(timestamp: UInt32(clamping: Int64(date.timeIntervalSince1970) - epoch), payload: payload)
    }

    /// The text form of the 20 bytes `timestamp (BE) ++ payload`.
    package static func encode(timestamp: UInt32, payload: [UInt8]) -> String {
        precondition(payload.count == 16, "KSUID payload is 16 bytes")
        var number = withUnsafeBytes(of: timestamp.bigEndian, Array.init) + payload
        var digits: [UInt8] = []
        // Repeated division of the 160-bit big-endian number by 62.
        while number.contains(where: { $0 != 0 }) {
            var remainder = 0
            for index in number.indices {
                let value = remainder << 8 | Int(number[index])
                number[index] = UInt8(value / 62)
                remainder = value % 62
            }
            digits.append(alphabet[remainder])
        }
        while digits.count < stringLength { digits.append(alphabet[0]) }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }

    /// The timestamp encoded in a KSUID text, or nil when `text` is not a KSUID.
    package static func date(of text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == stringLength else { return nil }
        var number = [UInt8](repeating: 0, count: 20)
        for character in bytes {
            guard let digit = alphabet.firstIndex(of: character) else { return nil }
            var carry = digit
            for index in number.indices.reversed() {
                let value = Int(number[index]) * 62 + carry
                number[index] = UInt8(value & 0xFF)
                carry = value >> 8
            }
            if carry != 0 { return nil }
        }
        let seconds = number[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return Date(timeIntervalSince1970: TimeInterval(Int64(seconds) + epoch))
    }
}
