import Foundation
import Testing

@testable import BatonStore

/// The writer's timestamps are formatted by hand for speed; they must equal what the Go layout
/// `2006-01-02 15:04:05.999999999` gives, which `referenceFormat` spells out with `String(format:)`.
@Suite struct TimestampFormatTests {
    @Test func handFormattedTimestampsEqualTheReferenceFormatting() {
        var generator = SystemRandomNumberGenerator()
        var intervals: [Double] = [0, 1, 59.999999, 946_684_800, 1_780_000_000, 1_780_000_000.000001, 4_102_444_799.5]
        for _ in 0..<2_000 { intervals.append(Double.random(in: 0..<4_102_444_800, using: &generator)) }
        for interval in intervals {
            let date = Date(timeIntervalSince1970: interval)
            #expect(C1ZTimestamp.format(date) == Self.referenceFormat(date), "at \(interval)")
        }
    }

    @Test func formattedTimestampsParseBackToTheMicrosecond() {
        let date = Date(timeIntervalSince1970: 1_780_000_000.123456)
        let parsed = C1ZTimestamp.parse(C1ZTimestamp.format(date))
        #expect(parsed.map { abs($0.timeIntervalSince(date)) < 0.000_001 } == true)
    }

    /// The formatting the writer used before: `String(format:)` and trimmed fraction digits.
    private static func referenceFormat(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = Int64(interval.rounded(.down))
        var nanos = Int64(((interval - Double(seconds)) * 1_000_000_000).rounded())
        if nanos >= 1_000_000_000 { seconds += 1; nanos -= 1_000_000_000 }
        nanos = (nanos + 500) / 1000 * 1000
        if nanos >= 1_000_000_000 { seconds += 1; nanos -= 1_000_000_000 }
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        var text = String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
        if nanos > 0 {
            var fraction = String(format: "%09lld", nanos)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text
    }
}
