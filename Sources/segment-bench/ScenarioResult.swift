import BatonKit
import BatonStore
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
    /// Scenario C: the floor of the same file's contents, where the time went, and the file
    /// sizes before (the seeding sync) and after the measured sync.
    var floor: FloorMeasurement?
    var breakdown: Breakdown?
    var seedC1ZBytes = 0
    /// Resident memory just before the sync started (runtime, HTTP client, simulator child started).
    var rssBeforeSyncMegabytes = 0.0

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

    /// The targets that apply to this scenario, each a value against its limit.
    var targets: [Target] {
        var checks = [
            Target(name: "requests_at_minimum", value: Double(requestsTotal), limit: Double(requestsMinimum)),
            Target(name: "c1z_within_1.2x_zstd3", value: compression.ratio, limit: 1.2),
        ]
        switch scenario.name {
        case "A": checks.append(Target(name: "wall_within_1.3x_latency_bound", value: wallSeconds, limit: 1.3 * latencyBound))
        case "B":
            checks.append(Target(name: "http_429_at_most_1pct", value: Double(http429), limit: 0.01 * Double(requestsTotal)))
            checks.append(Target(name: "wall_within_1.1x_rate_bound", value: wallSeconds, limit: 1.1 * rateBound))
        case "C":
            checks.append(Target(name: "wall_within_2x_floor", value: wallSeconds, limit: 2 * (floor?.floorSeconds ?? 0)))
            checks.append(Target(name: "peak_rss_at_most_200mb", value: peakRSSMegabytes, limit: 200))
        default: break
        }
        return checks
    }

    /// Scenario C's extra keys.
    private var cFields: [(String, JSONLine)] {
        guard let floor else { return [] }
        return [
            ("floor_s", .seconds(floor.floorSeconds)),
            ("wall_over_floor", .number(floor.floorSeconds > 0 ? wallSeconds / floor.floorSeconds : 0, decimals: 3)),
            ("floor", floor.json),
            ("seed_c1z_bytes", .int(seedC1ZBytes)),
            ("breakdown", breakdown?.json ?? .object([])),
        ]
    }

    var json: JSONLine {
        .object(
            [
                ("scenario", .string(scenario.name)),
                ("wall_s", .seconds(wallSeconds)),
                ("requests", .counts(requests)),
                ("requests_total", .int(requestsTotal)),
                ("requests_minimum", .int(requestsMinimum)),
                ("http_429", .int(http429)),
                ("latency_bound_s", .seconds(latencyBound)),
                ("rate_bound_s", .seconds(rateBound)),
                ("peak_rss_mb", .number(peakRSSMegabytes, decimals: 1)),
                ("rss_before_sync_mb", .number(rssBeforeSyncMegabytes, decimals: 1)),
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
            ] + cFields + [("targets", Target.line(targets))])
    }
}

/// Where scenario C's measured sync spent its time: each step's wall time, and inside them the
/// connector's calls, row encoding, SQLite inserts, index builds, compression, verification.
struct Breakdown {
    let phases: [(name: String, seconds: Double)]
    let connectorSeconds: Double
    let connectorCalls: Int
    let encodeSeconds: Double
    let writer: C1ZWriterTimings

    var json: JSONLine {
        var fields: [(String, JSONLine)] = phases.map { ("\($0.name)_s", .seconds($0.seconds)) }
        fields.append(("connector_calls_task_s", .seconds(connectorSeconds)))
        fields.append(("connector_calls", .int(connectorCalls)))
        fields.append(("encode_task_s", .seconds(encodeSeconds)))
        fields.append(("insert_s", .seconds(writer.insertSeconds)))
        fields.append(("rows_written", .int(writer.rowsWritten)))
        fields.append(("finish_index_s", .seconds(writer.indexSeconds)))
        fields.append(("finish_compress_s", .seconds(writer.compressSeconds)))
        fields.append(("finish_verify_s", .seconds(writer.verifySeconds)))
        return .object(fields)
    }
}
