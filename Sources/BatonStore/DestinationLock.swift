import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock on a c1z destination, held by one sync for its whole run: `flock` on
/// `<file>.lock` beside it, which records the holder's pid so a second sync can name it.
///
/// Release unlinks the lock file while still holding it; a waiter that then gets the lock on the
/// unlinked file notices (the path no longer names the file it locked) and tries again, so the
/// lock file never outlives its holder and two holders can never coexist.
public final class DestinationLock: Sendable {
    /// The destination this lock protects.
    public let destination: String
    /// `<destination>.lock`.
    public let lockPath: String
    private let descriptor: Mutex<Int32?>
    private let registration: Int

    private init(destination: String, lockPath: String, descriptor: Int32) {
        self.destination = destination
        self.lockPath = lockPath
        self.descriptor = Mutex(descriptor)
        registration = PendingFiles.register(lockPath, isDirectory: false)
    }

    deinit { release() }

    /// The lock file of a destination: `<file>.lock` beside it.
    public static func lockPath(for destination: String) -> String { destination + ".lock" }

    /// Takes the lock, failing at once with `C1ZError.locked` naming the holder, or (with
    /// `wait`) waiting for it on a thread of its own so no task thread blocks.
    public static func acquire(for destination: String, wait: Bool) async throws -> DestinationLock {
        guard wait else { return try acquire(for: destination, blocking: false) }
        return try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try acquire(for: destination, blocking: true) }) }.start()
        }
    }

    /// Takes the lock (waiting only when `blocking`).
    public static func acquire(for destination: String, blocking: Bool) throws -> DestinationLock {
        let path = lockPath(for: destination)
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            if fd < 0 {
                throw C1ZError.destinationUnusable(path: destination, detail: "cannot create \(path): \(String(cString: strerror(errno)))")
            }
            while flock(fd, LOCK_EX | (blocking ? 0 : LOCK_NB)) != 0 {
                let code = errno
                if code == EINTR { continue }
                let holder = holderPid(fd)
                close(fd)
                if code == EWOULDBLOCK { throw C1ZError.locked(path: destination, holder: holder) }
                throw C1ZError.io(path: path, detail: "flock: \(String(cString: strerror(code)))")
            }
            guard stillNamedBy(path, fd) else {
                close(fd)  // the holder released (unlinked) it while we waited: lock the new file
                continue
            }
            let record = Array("\(getpid())\n".utf8)
            _ = ftruncate(fd, 0)
            _ = record.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
            return DestinationLock(destination: destination, lockPath: path, descriptor: fd)
        }
    }

    /// Unlinks the lock file and releases the lock. Idempotent.
    public func release() {
        descriptor.withLock { fd in
            guard let open = fd else { return }
            unlink(lockPath)
            close(open)
            fd = nil
        }
        PendingFiles.unregister(registration)
    }

    /// The pid recorded in the lock file, when readable.
    private static func holderPid(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// True when `path` still names the open file `fd` (it was not unlinked and replaced).
    private static func stillNamedBy(_ path: String, _ fd: Int32) -> Bool {
        var opened = stat(), named = stat()
        guard fstat(fd, &opened) == 0, stat(path, &named) == 0 else { return false }
        return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }
}
