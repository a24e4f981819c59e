import Foundation

/// What one scenario measured, and which targets it met.
struct ScenarioResult {
    let scenario: Scenario
    let concurrency: Int
    let wallSeconds: Double
    /// Client-side count per operation (retries included).
    let requests: [String: Int]
    /// Server-side count per operation, and its 429s.
    let serverRequests: [String: Int]
    let http429: Int
    let minimum: [String: Int]
    let peakRSSMegabytes: Double
    let compression: CompressionCheck
    let objects: Int
    let resources: Int
    let entitlements: Int
    let grants: Int
    let expandedGrants: Int

    var requestsTotal: Int { requests.values.reduce(0, +) }
    var requestsMinimum: Int { minimum.values.reduce(0, +) }
    /// Requests × latency / concurrency: the fastest the sync could go if latency were the only limit.
    var latencyBound: Double { Double(requestsTotal) * Double(scenario.latencyMs) / 1000 / Double(concurrency) }
    /// Requests / allowed rate: the fastest the sync could go under the read rate limit (0 = unlimited).
    var rateBound: Double { scenario.readRate.map { Double(requestsTotal) / (Double($0) / 60) } ?? 0 }
    var objectsPerSecond: Double { wallSeconds > 0 ? Double(objects) / wallSeconds : 0 }

    /// Operations whose count differs from the minimum: `{op: actual - minimum}`.
    var overMinimum: [String: Int] {
        var diff: [String: Int] = [:]
        for op in Set(requests.keys).union(minimum.keys) {
            let delta = (requests[op] ?? 0) - (minimum[op] ?? 0)
            if delta != 0 { diff[op] = delta }
        }
        return diff
    }

    /// The targets that apply to this scenario, each met or not.
    var targets: [(String, Bool)] {
        var checks: [(String, Bool)] = [
            ("requests_at_minimum", requestsTotal == requestsMinimum),
            ("c1z_within_1.2x_zstd3", compression.ratio <= 1.2),
        ]
        switch scenario.name {
        case "A": checks.append(("wall_within_1.3x_latency_bound", wallSeconds <= 1.3 * latencyBound))
        case "B":
            checks.append(("http_429_at_most_1pct", Double(http429) <= 0.01 * Double(requestsTotal)))
            checks.append(("wall_within_1.1x_rate_bound", wallSeconds <= 1.1 * rateBound))
        case "C":
            checks.append(("peak_rss_at_most_300mb", peakRSSMegabytes <= 300))
            checks.append(("objects_per_s_at_least_50000", objectsPerSecond >= 50_000))
        default: break
        }
        return checks
    }

    var json: JSONLine {
        .object([
            ("scenario", .string(scenario.name)),
            ("wall_s", .seconds(wallSeconds)),
            ("requests", .counts(requests)),
            ("requests_total", .int(requestsTotal)),
            ("requests_minimum", .int(requestsMinimum)),
            ("http_429", .int(http429)),
            ("latency_bound_s", .seconds(latencyBound)),
            ("rate_bound_s", .seconds(rateBound)),
            ("peak_rss_mb", .number(peakRSSMegabytes, decimals: 1)),
            ("c1z_bytes", .int(compression.c1zBytes)),
            ("objects_per_s", .number(objectsPerSecond, decimals: 0)),
            ("zstd3_bytes", .int(compression.zstd3Bytes)),
            ("c1z_ratio", .number(compression.ratio, decimals: 3)),
            ("sqlite_bytes", .int(compression.imageBytes)),
            ("objects", .int(objects)),
            ("resources", .int(resources)),
            ("entitlements", .int(entitlements)),
            ("grants", .int(grants)),
            ("expanded_grants", .int(expandedGrants)),
            ("server_requests_total", .int(serverRequests.values.reduce(0, +))),
            ("requests_over_minimum", .counts(overMinimum)),
            ("latency_ms", .int(scenario.latencyMs)),
            ("read_rate_per_min", .int(scenario.readRate ?? 0)),
            ("concurrency", .int(concurrency)),
            ("users", .int(scenario.size.users)),
            ("groups", .int(scenario.size.groups)),
            ("list_includes_permissions", .bool(scenario.listIncludesPermissions)),
            ("targets", .object(targets.map { ($0.0, .bool($0.1)) })),
        ])
    }
}
