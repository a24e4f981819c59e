import ArgumentParser
import Foundation

/// `segment-faults`: the fault matrix. Every fault kind alone and mixed at 5%, 20% and 50% on
/// each preset, concurrent syncs into one file, and signals at random moments, each run with the
/// real `baton-segment` binary against an in-process simulator; prints one table.
@main
struct FaultsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment-faults", abstract: "Run the fault matrix against baton-segment and print one table.")

    @Option(help: "The baton-segment executable to run.") var binary: String
    @Option(help: "Workspace presets, comma-separated.") var presets = "small,medium"
    @Option(help: "Runs per fault kind and rate.") var runs = 1
    @Option(help: "Signal runs (alternating SIGINT and SIGTERM).") var signals = 8
    @Option(help: "Concurrent-sync runs (each adds one without and one with --wait-for-lock).") var concurrent = 3
    @Option(help: "Cases run at once.") var parallel = 2
    @Option(help: "Seconds one run may take.") var runLimit = 240.0

    func run() async throws {
        let presetNames = presets.split(separator: ",").map(String.init)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("segment-faults-\(getpid())").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let runner = MatrixRunner(binary: binary, workRoot: root, runLimit: runLimit)
        var references: [String: MatrixRunner.Reference] = [:]
        for preset in presetNames { references[preset] = try await runner.reference(preset) }

        let cases = FaultCase.matrix(presets: presetNames, runsPerFault: runs, signalRuns: signals, concurrentRuns: concurrent)
        let started = Date()
        FileHandle.standardError.write(Data("running \(cases.count) cases, \(parallel) at a time\n".utf8))
        var tally = Tally()
        var results: [(Int, [Verdict])] = []
        try await withThrowingTaskGroup(of: (Int, [Verdict]).self) { group in
            var next = 0
            func add() {
                guard next < cases.count else { return }
                let index = next, testCase = cases[index]
                let reference = references[testCase.preset]!
                group.addTask { (index, await runner.run(testCase, reference: reference)) }
                next += 1
            }
            for _ in 0..<max(1, parallel) { add() }
            while let result = try await group.next() {
                results.append(result)
                FileHandle.standardError.write(Data("  \(results.count)/\(cases.count) \(cases[result.0].row)\n".utf8))
                add()
            }
        }
        for (index, verdicts) in results.sorted(by: { $0.0 < $1.0 }) {
            for verdict in verdicts { tally.add(verdict, row: cases[index].row) }
        }
        print(tally.table)
        print("")
        print("\(cases.count) cases, \(tally.total.attempted) sync attempts in \(Int(Date().timeIntervalSince(started))) s")
        for note in tally.notes { print("- \(note)") }
        if tally.total.anythingElse > 0 { throw ExitCode(1) }
    }
}
