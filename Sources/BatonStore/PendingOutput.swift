import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The destination side of a c1z being written: the lock on the destination and a temporary
/// file with a unique name in the destination's folder, created when the sync starts. Creating
/// it up front checks the destination before any work (a missing folder, a directory, a folder
/// that refuses new files); the unique name means two writers can never share one temporary file.
/// Dropped without `commit`, it removes the temporary file and releases the lock.
final class PendingOutput {
    let destination: String
    let temporary: String
    private(set) var descriptor: Int32
    private let lock: DestinationLock
    private let registration: Int
    private var done = false

    init(destination: String, lock: DestinationLock) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination, isDirectory: &isDirectory), isDirectory.boolValue {
            throw C1ZError.destinationUnusable(path: destination, detail: "it is a directory")
        }
        StaleFiles.sweepTemporaries(of: destination)
        let folder = (destination as NSString).deletingLastPathComponent
        let prefix = (folder.isEmpty ? "" : folder + "/") + StaleFiles.temporaryPrefix(for: destination) + "\(getpid())-"
        var created: (String, Int32)?
        for _ in 0..<16 where created == nil {
            let candidate = prefix + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            // 0666 before the umask: a new c1z gets the mode the user's umask gives new files.
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 { created = (candidate, fd); break }
            if errno != EEXIST {
                throw C1ZError.destinationUnusable(
                    path: destination, detail: "cannot create a file beside it: \(String(cString: strerror(errno)))")
            }
        }
        guard let (path, fd) = created else {
            throw C1ZError.destinationUnusable(path: destination, detail: "cannot create a uniquely named file beside it")
        }
        self.destination = destination
        self.lock = lock
        temporary = path
        descriptor = fd
        registration = PendingFiles.register(path, isDirectory: false)
    }

    deinit { discard() }

    /// Gives the temporary file the mode and owner of the file it will replace (a 0600 c1z stays
    /// 0600); a new file keeps the umask's mode. Changing the owner needs privilege, so a refusal
    /// there is not an error: the file then belongs to whoever ran the sync, as before.
    func adoptAttributesOfDestination() throws {
        var existing = stat()
        guard stat(destination, &existing) == 0 else { return }
        if fchmod(descriptor, existing.st_mode & 0o7777) != 0 {
            throw C1ZError.io(path: temporary, detail: "fchmod: \(String(cString: strerror(errno)))")
        }
        _ = fchown(descriptor, existing.st_uid, existing.st_gid)
    }

    /// Renames the finished temporary file over the destination and releases the lock.
    func commit() throws {
        FileIO.close(descriptor)
        descriptor = -1
        try PendingFiles.commit { try FileIO.rename(temporary, to: destination) }
        done = true
        PendingFiles.unregister(registration)
        let folder = (destination as NSString).deletingLastPathComponent
        try? FileIO.fsyncDirectory(folder.isEmpty ? "." : folder)
        lock.release()
    }

    /// Removes the temporary file and releases the lock. Idempotent.
    func discard() {
        guard !done else { return }
        done = true
        if descriptor >= 0 { FileIO.close(descriptor) }
        descriptor = -1
        unlink(temporary)
        PendingFiles.unregister(registration)
        lock.release()
    }
}
