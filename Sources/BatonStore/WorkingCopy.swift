import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The folder holding the unfinished sync of one destination while it is written: the scratch
/// SQLite database and its write-ahead log. Its path depends only on the destination (and
/// `--c1z-temp-dir`), so a sync that starts after a crashed one finds the crashed one's work
/// there. It is touched only while holding the destination's lock: whoever holds the lock owns
/// the working copy, and a working copy found by the lock's new holder belongs to a process that
/// is gone.
struct WorkingCopy: Sendable {
    /// The folder.
    let directory: String

    /// The SQLite database inside the folder.
    var database: String { (directory as NSString).appendingPathComponent("sync.db") }

    /// `<destination>.working` beside the destination, or, with a temporary directory,
    /// `<temp>/c1z-working-<file name>-<hash of the destination's absolute path>` (two
    /// destinations with one file name never share a working copy).
    static func location(destination: String, tempDirectory: String?) -> WorkingCopy {
        guard let tempDirectory else { return WorkingCopy(directory: destination + ".working") }
        let absolute = URL(fileURLWithPath: destination).standardizedFileURL.path
        let name = (destination as NSString).lastPathComponent
        let folder = "\(StaleFiles.workingPrefix)\(name)-\(StableDigest.hex(absolute))"
        return WorkingCopy(directory: (tempDirectory as NSString).appendingPathComponent(folder))
    }

    var exists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
    }

    /// Creates the (empty) folder, readable by its owner only: it holds the synced data.
    func create() throws {
        guard mkdir(directory, 0o700) == 0 else {
            throw C1ZError.io(path: directory, detail: "cannot create the working copy: \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the folder and everything in it. Idempotent.
    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
