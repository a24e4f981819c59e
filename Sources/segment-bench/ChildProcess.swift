import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn` and reaped with `wait4`, so the bench gets the
/// child's own peak resident memory (`ru_maxrss`) and wall time — what `Process` cannot give.
/// Used for the parts of a scenario that must not share a peak with anything else.
///
/// `ru_maxrss` is at least this process's own high-water mark at the spawn: posix_spawn runs the
/// child in the parent's memory until exec, and exec records that memory's peak as the child's.
/// So a scenario keeps its own peak low before spawning a child whose peak it reports
/// (`parentPeakAtSpawnMegabytes` says what the floor under the child's figure is).
final class ChildProcess {
    let pid: pid_t
    let started: ContinuousClock.Instant
    /// This process's peak memory when the child was spawned: the least `ru_maxrss` can say.
    let parentPeakAtSpawnMegabytes: Double
    private var reaped: Outcome?

    struct Outcome {
        let status: Int32
        let wallSeconds: Double
        /// Peak resident memory of the child, in MiB.
        let peakRSSMegabytes: Double
        /// The bench's own peak at the spawn (a floor under `peakRSSMegabytes`, see above).
        let parentPeakAtSpawnMegabytes: Double
        var succeeded: Bool { status == 0 }
    }

    /// Starts `executable` with `arguments`; `environment` replaces the bench's own when given.
    /// stdout goes to `stdoutPath` (or is inherited), stderr is inherited.
    init(executable: String, arguments: [String], environment: [String: String]? = nil, stdoutPath: String? = nil) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchError("executable not found at \(executable) (run scripts/bench.sh, which builds it)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdoutPath {
            posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid: pid_t = 0
        parentPeakAtSpawnMegabytes = PeakMemory.megabytes()
        started = ContinuousClock.now
        let code = posix_spawn(&pid, executable, &actions, nil, argv, env)
        guard code == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(code)))") }
        self.pid = pid
    }

    /// The child's peak resident memory so far (`VmHWM`), in MiB, while it runs.
    var currentPeakMegabytes: Double { PeakMemory.megabytes(pid: pid) }

    /// Waits for the child to exit.
    @discardableResult
    func wait() -> Outcome {
        if let reaped { return reaped }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = (ContinuousClock.now - started).benchSeconds
        // The low 7 bits hold a terminating signal; otherwise the exit code is in the next byte.
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let outcome = Outcome(
            status: code, wallSeconds: wall, peakRSSMegabytes: Double(usage.ru_maxrss) / 1024,
            parentPeakAtSpawnMegabytes: parentPeakAtSpawnMegabytes)
        reaped = outcome
        return outcome
    }

    /// Sends `signal` and waits.
    @discardableResult
    func stop(_ signal: Int32 = SIGTERM) -> Outcome {
        if reaped == nil { kill(pid, signal) }
        return wait()
    }

    deinit { if reaped == nil { stop(SIGKILL) } }

    /// Runs `executable` to completion; fails unless it exits 0.
    @discardableResult
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        stdoutPath: String? = nil, what: String
    ) throws -> Outcome {
        let outcome = try ChildProcess(
            executable: executable, arguments: arguments, environment: environment,
            stdoutPath: stdoutPath
        ).wait()
        guard outcome.succeeded else { throw BenchError("\(what) failed (exit \(outcome.status))") }
        return outcome
    }
}
