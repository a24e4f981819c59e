import Foundation
import SegmentSimulator

/// Runs fault cases against in-process simulators with the real `baton-segment` binary and
/// judges each outcome against a fault-free reference sync of the same workspace.
struct MatrixRunner: Sendable {
    static let token = "faults-SECRET-token-77"
    let binary: String
    let workRoot: String
    /// Per-run limit; a sync still running then counts as "anything else".
    let runLimit: Double

    /// The reference for a preset: the file a fault-free sync writes and what it holds.
    struct Reference: Sendable {
        var file: Data
        var path: String
    }

    func state(_ preset: String) -> WorkspaceSnapshot {
        WorkspaceGenerator.generate(seed: 11, size: WorkspaceSize.preset(preset) ?? .small, plan: .business)
    }

    func reference(_ preset: String) async throws -> Reference {
        let dir = try folder("reference-\(preset)")
        let simulator = try await RunningSimulator.start(state: state(preset), configuration: SimulatorConfiguration(token: Self.token))
        defer { Task { try? await simulator.shutdown() } }
        let path = dir + "/sync.c1z"
        let child = ChildSync(
            binary: binary, arguments: syncArguments(simulator.baseURL, file: path, scratch: dir),
            stderrPath: dir + "/stderr", logPath: dir + "/log")
        let (status, _) = await ChildSync.wait(try child.start(), limit: runLimit)
        guard status == 0, let data = FileManager.default.contents(atPath: path) else {
            throw MatrixError("the fault-free reference sync of \(preset) failed: \(child.result(status: status, timedOut: false).stderr)")
        }
        return Reference(file: data, path: path)
    }

    func run(_ testCase: FaultCase, reference: Reference) async -> [Verdict] {
        do {
            switch testCase.kind {
            case .injected(let faults, let rate):
                var configuration = SimulatorConfiguration(token: Self.token, faultRate: rate, faults: faults, timeoutFaultSeconds: 3)
                configuration.faultSeed = testCase.seed
                return [try await single(testCase, reference: reference, configuration: configuration, signal: nil)]
            case .signal(let number, let afterMs):
                var configuration = SimulatorConfiguration(token: Self.token)
                configuration.latencyMs = 5  // a medium sync then takes a few seconds, so most signals land mid-run
                return [try await single(testCase, reference: reference, configuration: configuration, signal: (number, afterMs))]
            case .concurrent(let processes, let wait):
                return try await concurrent(testCase, reference: reference, processes: processes, waitForLock: wait)
            }
        } catch {
            return [.other("harness error: \(error)")]
        }
    }

    private func single(
        _ testCase: FaultCase, reference: Reference, configuration: SimulatorConfiguration,
        signal: (number: Int32, afterMs: Int)?
    ) async throws -> Verdict {
        let dir = try folder("run-\(testCase.seed)")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (out, scratch) = (dir + "/out", dir + "/scratch")
        let file = out + "/sync.c1z"
        _ = FileManager.default.createFile(atPath: file, contents: reference.file)
        let simulator = try await RunningSimulator.start(state: state(testCase.preset), configuration: configuration)
        let child = ChildSync(
            binary: binary, arguments: syncArguments(simulator.baseURL, file: file, scratch: scratch) + ["--request-timeout", "1"],
            stderrPath: dir + "/stderr", logPath: dir + "/log")
        let process = try child.start()
        if let signal {
            try await Task.sleep(for: .milliseconds(signal.afterMs))
            kill(process.processIdentifier, signal.number)
        }
        let (status, timedOut) = await ChildSync.wait(process, limit: runLimit)
        try? await simulator.shutdown()
        let result = child.result(status: status, timedOut: timedOut)
        let leftovers = self.leftovers(out: out, scratch: scratch)
        if timedOut { return .other("still running after \(Int(runLimit)) s") }
        if let leak = tokenLeak(result) { return .other(leak) }
        if status == 0 { return judgeWritten(file, reference: reference, scratch: dir, leftovers: leftovers) }
        if let signal, status != 128 + signal.number, status != 0 {
            return .other("signal \(signal.number) gave exit \(status): \(oneLine(result.stderr))")
        }
        guard isOneLine(result.stderr) else { return .other("exit \(status) with stderr \(result.stderr.debugDescription.prefix(300))") }
        // A signal keeps the working copy for the next sync to resume; nothing else may stay.
        let unexpected = leftovers.filter { signal == nil || !$0.hasPrefix("c1z-working-") }
        guard unexpected.isEmpty else { return .other("exit \(status) left \(unexpected)") }
        let now = FileManager.default.contents(atPath: file)
        if now == reference.file { return .failedCleanly }
        // A signal after the rename into place: the new file must then be complete and exact.
        if signal != nil, case .exact = judgeWritten(file, reference: reference, scratch: dir, leftovers: []) { return .failedCleanly }
        return .other("exit \(status) and the previous file changed")
    }

    private func concurrent(_ testCase: FaultCase, reference: Reference, processes: Int, waitForLock: Bool) async throws -> [Verdict] {
        let dir = try folder("together-\(testCase.seed)")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (out, scratch) = (dir + "/out", dir + "/scratch")
        let file = out + "/sync.c1z"
        _ = FileManager.default.createFile(atPath: file, contents: reference.file)
        let simulator = try await RunningSimulator.start(
            state: state(testCase.preset), configuration: SimulatorConfiguration(token: Self.token))
        let children = (0..<processes).map { index in
            ChildSync(
                binary: binary,
                arguments: syncArguments(simulator.baseURL, file: file, scratch: scratch) + (waitForLock ? ["--wait-for-lock"] : []),
                stderrPath: dir + "/stderr-\(index)", logPath: dir + "/log-\(index)")
        }
        let started = try children.map { try $0.start() }
        var results: [ChildSync.Result] = []
        for (child, process) in zip(children, started) {
            let (status, timedOut) = await ChildSync.wait(process, limit: runLimit)
            results.append(child.result(status: status, timedOut: timedOut))
        }
        try? await simulator.shutdown()
        let leftovers = self.leftovers(out: out, scratch: scratch)
        let final = judgeWritten(file, reference: reference, scratch: dir, leftovers: leftovers)
        return results.map { result in
            if result.timedOut { return .other("still running after \(Int(runLimit)) s") }
            if let leak = tokenLeak(result) { return .other(leak) }
            if result.status == 0 { return final }
            guard !waitForLock else { return .other("with --wait-for-lock a sync exited \(result.status): \(oneLine(result.stderr))") }
            guard result.status == 10, isOneLine(result.stderr), result.stderr.contains("pid ") else {
                return .other("exit \(result.status): \(oneLine(result.stderr))")
            }
            if case .exact = final { return .failedCleanly }
            return .other("a sync was refused the lock but the file left is not exact: \(final)")
        }
    }

    /// Exit 0: the file must decode, hold a finished sync, match the reference, leave nothing.
    private func judgeWritten(_ file: String, reference: Reference, scratch: String, leftovers: [String]) -> Verdict {
        guard leftovers.isEmpty else { return .other("exit 0 but left \(leftovers)") }
        guard let contents = C1ZContents(path: file, scratch: scratch) else {
            return .wrongFile("does not decode or holds no finished sync")
        }
        guard let expected = C1ZContents(path: reference.path, scratch: scratch) else { return .other("the reference does not decode") }
        return contents == expected ? .exact : .wrongFile("\(contents.count) rows, reference \(expected.count)")
    }

    private func syncArguments(_ baseURL: String, file: String, scratch: String) -> [String] {
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        return ["--token", Self.token, "--base-url", baseURL, "--file", file, "--c1z-temp-dir", scratch]
    }

    private func leftovers(out: String, scratch: String) -> [String] {
        let outNames = ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter { $0 != "sync.c1z" }
        let scratchNames = (try? FileManager.default.contentsOfDirectory(atPath: scratch)) ?? []
        return outNames + scratchNames
    }

    private func tokenLeak(_ result: ChildSync.Result) -> String? {
        result.stderr.contains(Self.token) || result.log.contains(Self.token) ? "the token appeared in the output" : nil
    }

    private func isOneLine(_ text: String) -> Bool {
        text.split(separator: "\n", omittingEmptySubsequences: true).count == 1
    }

    private func oneLine(_ text: String) -> String {
        String(text.split(separator: "\n").last ?? "").prefix(300).description
    }

    private func folder(_ name: String) throws -> String {
        let path = workRoot + "/" + name
        try FileManager.default.createDirectory(atPath: path + "/out", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: path + "/scratch", withIntermediateDirectories: true)
        return path
    }
}

struct MatrixError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
