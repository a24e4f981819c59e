import Foundation

/// Timestamp text of the c1z columns (docs/baton-conventions.md, "Column values"): UTC `YYYY-MM-DD HH:MM:SS` plus
/// `.` and up to 9 fraction digits with trailing zeros dropped (Go `2006-01-02 15:04:05.999999999`).
package enum C1ZTimestamp {
    /// Formats `date` in UTC. Fractions are kept to the nanosecond `Date` can represent.
    package static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = Int64(interval.rounded(.down))
        var nanos = Int64(((interval - Double(seconds)) * 1_000_000_000).rounded())
        if nanos >= 1_000_000_000 { seconds += 1; nanos -= 1_000_000_000 }
        // Microsecond precision is all a Double near the present carries; drop the float noise.
        nanos = (nanos + 500) / 1000 * 1000
        if nanos >= 1_000_000_000 { seconds += 1; nanos -= 1_000_000_000 }
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let year = Int(parts.tm_year) + 1900
        // Digits written by hand: `String(format:)` cost several microseconds a call, and the
        // writer stamps every batch it inserts (thousands a second when batches are small).
        guard (0...9999).contains(year) else {
            return String(
                format: "%04d-%02d-%02d %02d:%02d:%02d", year, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec)) + fractionText(nanos)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(29)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2)
        bytes.append(UInt8(ascii: " "))
        digits(Int(parts.tm_hour), 2)
        bytes.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2)
        bytes.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2)
        if nanos > 0 {
            bytes.append(UInt8(ascii: "."))
            digits(Int(nanos), 9)
            while bytes.last == UInt8(ascii: "0") { bytes.removeLast() }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `.` and the fraction's digits without trailing zeros; empty for a whole second.
    private static func fractionText(_ nanos: Int64) -> String {
        guard nanos > 0 else { return "" }
        var fraction = String(format: "%09lld", nanos)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "." + fraction
    }

    /// Parses the SDK forms (space or `T` separator, optional fraction, optional `Z`/`±hh:mm`).
    package static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
            }
            return value
        }
        guard bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x20 || bytes[10] == 0x54,
            bytes[13] == 0x3A, bytes[16] == 0x3A,
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
        }
        var offsetSeconds = 0
        if index < bytes.count {
            if bytes[index] == 0x5A, index + 1 == bytes.count {
                offsetSeconds = 0
            } else if bytes[index] == 0x2B || bytes[index] == 0x2D, bytes.count == index + 6,
                let hours = number(index + 1..<index + 3), bytes[index + 3] == 0x3A,
                let minutes = number(index + 4..<index + 6)
            {
                offsetSeconds = (hours * 3600 + minutes * 60) * (bytes[index] == 0x2D ? -1 : 1)
            } else {
                return nil
            }
        }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let epochSeconds = timegm(&parts)
        return Date(timeIntervalSince1970: Double(epochSeconds - offsetSeconds) + fraction)
    }
}
