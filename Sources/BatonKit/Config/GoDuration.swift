import Foundation

/// Durations written as the Go SDK's flags write them: one or more `<number><unit>` parts,
/// units `h`, `m`, `s`, `ms` (`24h`, `1h30m`, `90s`, `1.5h`).
enum GoDuration {
    static func parse(_ text: String) -> Duration? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            switch unit {
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            case "ms": total += value / 1000
            default: return nil
            }
        }
        guard total.isFinite, total <= 100 * 365 * 86_400 else { return nil }
        return .milliseconds(Int64((total * 1000).rounded()))
    }
}
