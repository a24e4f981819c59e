/// How one sync attempt ended, as the table counts it.
enum Verdict: Sendable {
    /// Exit 0 and the file matches the reference sync row for row.
    case exact
    /// Exit 0 but the file differs from the reference (a wrong file).
    case wrongFile(String)
    /// Non-zero exit, one line on stderr without the token, the previous file byte-identical (or,
    /// where another sync legitimately replaced it, a complete exact file), nothing left behind.
    case failedCleanly
    /// Anything else, with what was seen.
    case other(String)

    var succeeded: Bool {
        switch self {
        case .exact, .wrongFile: true
        default: false
        }
    }
}

/// Rows of the table, in the order first seen.
struct Tally {
    struct Row {
        var attempted = 0, succeeded = 0, exact = 0, failedCleanly = 0, wrongFiles = 0, anythingElse = 0
    }

    private(set) var order: [String] = []
    private(set) var rows: [String: Row] = [:]
    private(set) var notes: [String] = []

    mutating func add(_ verdict: Verdict, row name: String) {
        if rows[name] == nil { order.append(name); rows[name] = Row() }
        var row = rows[name]!
        row.attempted += 1
        switch verdict {
        case .exact: row.succeeded += 1; row.exact += 1
        case .wrongFile(let why):
            row.succeeded += 1; row.wrongFiles += 1; row.anythingElse += 1; notes.append("\(name): wrong file: \(why)")
        case .failedCleanly: row.failedCleanly += 1
        case .other(let why): row.anythingElse += 1; notes.append("\(name): \(why)")
        }
        rows[name] = row
    }

    var total: Row {
        rows.values.reduce(into: Row()) { sum, row in
            sum.attempted += row.attempted; sum.succeeded += row.succeeded; sum.exact += row.exact
            sum.failedCleanly += row.failedCleanly; sum.wrongFiles += row.wrongFiles; sum.anythingElse += row.anythingElse
        }
    }

    /// A Markdown table, one line per row and a total.
    var table: String {
        var lines = [
            "| case | attempted | succeeded | exact | failed cleanly | wrong files | anything else |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        func line(_ name: String, _ row: Row) -> String {
            "| \(name) | \(row.attempted) | \(row.succeeded) | \(row.exact) | \(row.failedCleanly) | \(row.wrongFiles) | \(row.anythingElse) |"
        }
        for name in order { lines.append(line(name, rows[name]!)) }
        lines.append(line("**total**", total))
        return lines.joined(separator: "\n")
    }
}
