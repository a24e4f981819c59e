import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Names that carry their owner's pid, and the sweep that removes those whose owner is gone
/// (a sync killed before it could clean up): scratch folders `c1z-write-<pid>-XXXXXX` and
/// temporary outputs `<file>.tmp-<pid>-<random>`.
enum StaleFiles {
    static let scratchPrefix = "c1z-write-"
    /// Working copies under a temporary directory (``WorkingCopy``); they carry no pid, since
    /// the destination's lock, not a process id, says whether their owner is gone.
    static let workingPrefix = "c1z-working-"

    static func scratchTemplate(in base: String) -> String {
        (base as NSString).appendingPathComponent("\(scratchPrefix)\(getpid())-XXXXXX")
    }

    static func temporaryPrefix(for destination: String) -> String {
        ((destination as NSString).lastPathComponent) + ".tmp-"
    }

    /// Removes scratch folders in `base` whose owner no longer runs.
    static func sweepScratch(in base: String) {
        sweep(in: base, prefix: scratchPrefix)
    }

    /// Removes temporary outputs of `destination` whose owner no longer runs.
    static func sweepTemporaries(of destination: String) {
        let folder = (destination as NSString).deletingLastPathComponent
        sweep(in: folder.isEmpty ? "." : folder, prefix: temporaryPrefix(for: destination))
    }

    private static func sweep(in folder: String, prefix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0 else { continue }
            guard pid != getpid(), !isRunning(pid) else { continue }
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }

    /// True when a process with this pid exists (one we may not signal exists too).
    static func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
