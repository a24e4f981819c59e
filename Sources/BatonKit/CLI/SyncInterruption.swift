import BatonStore
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGINT and SIGTERM during a one-shot sync: remove the writer's temporary file and lock file
/// (``PendingFiles``), keep the working copy with the sync's last checkpoint (the next sync of the
/// file resumes it, as after a kill; `--no-resume` starts afresh), say so in one line on stderr,
/// and exit 130 (SIGINT) or 143 (SIGTERM), the shell's convention of 128 + the signal number. The
/// destination is never left half-written: no rename into place starts once the cleanup has begun.
///
/// Only for one-shot syncs; a long-running service handles its own signals.
final class SyncInterruption {
    private static let signals: [Int32] = [SIGINT, SIGTERM]
    private var sources: [any DispatchSourceSignal] = []

    private init() {}

    /// Routes SIGINT and SIGTERM to the cleanup until ``uninstall()``.
    static func install(file: String) -> SyncInterruption {
        let interruption = SyncInterruption()
        for number in signals {
            signal(number, SIG_IGN)  // delivered to the dispatch source instead of killing the process
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInitiated))
            source.setEventHandler {
                let left = PendingFiles.removeAllForInterruption()
                let name = number == SIGINT ? "SIGINT" : "SIGTERM"
                let outcome = left.committed ? "\(file) had already been written in full" : "\(file) was left as it was"
                let progress =
                    left.keptWorkingCopy
                    ? "its progress is kept and the next sync of \(file) resumes it" : "its temporary files were removed"
                FileHandle.standardError.write(Data("interrupted by \(name): the sync was stopped and \(progress); \(outcome)\n".utf8))
                exit(128 + number)
            }
            source.resume()
            interruption.sources.append(source)
        }
        return interruption
    }

    /// Restores the default disposition of both signals.
    func uninstall() {
        for source in sources { source.cancel() }
        sources = []
        for number in Self.signals { signal(number, SIG_DFL) }
    }
}
