import Foundation
import Synchronization

/// Every temporary file, working copy and lock file this process has open for a c1z that is
/// not finished yet, so that an interrupted sync (SIGINT, SIGTERM) can remove them before it
/// exits. A working copy registered with `keepOnInterruption` stays: it holds the sync's last
/// checkpoint, which the next sync of the same file resumes (as after a kill). The rename that puts a finished file in place runs under the same lock: after an
/// interruption has begun, no file is renamed into place, and a rename in progress completes
/// before the cleanup runs.
package enum PendingFiles {
    private struct State {
        var entries: [Int: (path: String, isDirectory: Bool, keep: Bool)] = [:]
        var next = 0
        var interrupted = false
        var committed = false
    }

    private static let state = Mutex(State())

    /// Remembers `path`; returns the token to ``unregister(_:)`` it with.
    static func register(_ path: String, isDirectory: Bool, keepOnInterruption: Bool = false) -> Int {
        state.withLock { state in
            state.next += 1
            state.entries[state.next] = (path, isDirectory, keepOnInterruption)
            return state.next
        }
    }

    static func unregister(_ token: Int) {
        _ = state.withLock { $0.entries.removeValue(forKey: token) }
    }

    /// Runs `rename` unless an interruption has begun (then throws `CancellationError`).
    static func commit(_ rename: () throws -> Void) throws {
        try state.withLock { state in
            if state.interrupted { throw CancellationError() }
            try rename()
            state.committed = true
        }
    }

    /// What an interruption left: whether a finished file had already been renamed into place,
    /// and whether a working copy was kept for the next sync to resume.
    package struct Interruption: Sendable, Equatable {
        package let committed: Bool
        package let keptWorkingCopy: Bool
    }

    /// Stops any further rename into place and removes every pending path but the working copies
    /// kept for resuming. Call this only on the way out.
    @discardableResult
    package static func removeAllForInterruption() -> Interruption {
        state.withLock { state in
            state.interrupted = true
            var kept = false
            for entry in state.entries.values {
                if entry.keep { kept = true; continue }
                if entry.isDirectory { try? FileManager.default.removeItem(atPath: entry.path) } else { unlink(entry.path) }
            }
            state.entries = [:]
            return Interruption(committed: state.committed, keptWorkingCopy: kept && !state.committed)
        }
    }
}
