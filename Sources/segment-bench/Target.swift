/// One target of a scenario: a measured value that must not exceed its limit (both measured in
/// the same run where the limit is a bound). Printed as `{"met", "value", "limit", "ratio"}`,
/// `ratio` being value / limit, so every target reads the same way: met when the ratio is ≤ 1.
struct Target {
    let name: String
    let value: Double
    let limit: Double

    var met: Bool { value <= limit }
    var ratio: Double { limit == 0 ? (value == 0 ? 0 : .infinity) : value / limit }

    var json: JSONLine {
        .object([
            ("met", .bool(met)), ("value", .number(value, decimals: 3)), ("limit", .number(limit, decimals: 3)),
            ("ratio", .number(ratio, decimals: 3)),
        ])
    }

    static func line(_ targets: [Target]) -> JSONLine { .object(targets.map { ($0.name, $0.json) }) }
}
