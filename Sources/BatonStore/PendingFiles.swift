import Foundation
import Synchronization

/// Every temporary file, scratch folder and lock file this process has open for a c1z that is
/// not finished yet, so that an interrupted sync (SIGINT, SIGTERM) can remove them before it
/// exits. The rename that puts a finished file in place runs under the same lock: after an
/// interruption has begun, no file is renamed into place, and a rename in progress completes
/// before the cleanup runs.
public enum PendingFiles {
    private struct State {
        var entries: [Int: (path: String, isDirectory: Bool)] = [:]
        var next = 0
        var interrupted = false
        var committed = false
    }

    private static let state = Mutex(State())

    /// Remembers `path`; returns the token to ``unregister(_:)`` it with.
    static func register(_ path: String, isDirectory: Bool) -> Int {
        state.withLock { state in
            state.next += 1
            state.entries[state.next] = (path, isDirectory)
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

    /// Stops any further rename into place and removes every pending path. Returns whether a
    /// finished file had already been renamed into place. Call this only on the way out.
    @discardableResult
    public static func removeAllForInterruption() -> Bool {
        state.withLock { state in
            state.interrupted = true
            let entries = state.entries.values
            for entry in entries {
                if entry.isDirectory { try? FileManager.default.removeItem(atPath: entry.path) } else { unlink(entry.path) }
            }
            state.entries = [:]
            return state.committed
        }
    }
}
