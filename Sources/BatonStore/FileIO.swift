import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin POSIX helpers: explicit fsync and rename are what make the c1z write atomic.
enum FileIO {
    struct Failure: Error, CustomStringConvertible {
        let operation: String
        let path: String
        let code: Int32
        var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
        var asC1ZError: C1ZError { .io(path: path, detail: "\(operation): \(String(cString: strerror(code)))") }
    }

    static func open(_ path: String, flags: Int32, mode: mode_t = 0o644) throws -> Int32 {
        let fd = path.withCString { systemOpen($0, flags | O_CLOEXEC, mode) }
        if fd < 0 { throw Failure(operation: "open", path: path, code: errno).asC1ZError }
        return fd
    }

    static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        while true {
            #if canImport(Glibc)
                let result = Glibc.read(fd, buffer, count)
            #else
                let result = Darwin.read(fd, buffer, count)
            #endif
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw Failure(operation: "read", path: "fd \(fd)", code: errno).asC1ZError
        }
    }

    /// Reads until `count` bytes or end of file.
    static func readFully(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        var total = 0
        while total < count {
            let result = try read(fd, into: buffer + total, count: count - total)
            if result == 0 { break }
            total += result
        }
        return total
    }

    /// Reads `count` bytes at `offset` without moving the file position, retrying short reads:
    /// fewer only at end of file, -1 on an error (errno set).
    static func pread(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, offset: UInt64) -> Int {
        var total = 0
        while total < count {
            #if canImport(Glibc)
                let result = Glibc.pread(fd, buffer + total, count - total, off_t(offset) + off_t(total))
            #else
                let result = Darwin.pread(fd, buffer + total, count - total, off_t(offset) + off_t(total))
            #endif
            if result < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if result == 0 { break }
            total += result
        }
        return total
    }

    static func writeAll(_ fd: Int32, from buffer: UnsafeRawPointer, count: Int) throws {
        var offset = 0
        while offset < count {
            #if canImport(Glibc)
                let result = Glibc.write(fd, buffer + offset, count - offset)
            #else
                let result = Darwin.write(fd, buffer + offset, count - offset)
            #endif
            if result < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "write", path: "fd \(fd)", code: errno).asC1ZError
            }
            offset += result
        }
    }

    static func fsync(_ fd: Int32, path: String) throws {
        #if canImport(Glibc)
            let result = Glibc.fsync(fd)
        #else
            let result = Darwin.fsync(fd)
        #endif
        if result != 0 { throw Failure(operation: "fsync", path: path, code: errno).asC1ZError }
    }

    static func close(_ fd: Int32) {
        #if canImport(Glibc)
            _ = Glibc.close(fd)
        #else
            _ = Darwin.close(fd)
        #endif
    }

    /// fsyncs a directory so a rename inside it is durable.
    static func fsyncDirectory(_ path: String) throws {
        let fd = try open(path, flags: O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        try fsync(fd, path: path)
    }

    static func rename(_ from: String, to: String) throws {
        #if canImport(Glibc)
            let result = Glibc.rename(from, to)
        #else
            let result = Darwin.rename(from, to)
        #endif
        if result != 0 { throw Failure(operation: "rename", path: to, code: errno).asC1ZError }
    }

    static func fileSize(_ path: String) throws -> UInt64 {
        var info = stat()
        if stat(path, &info) != 0 { throw Failure(operation: "stat", path: path, code: errno).asC1ZError }
        return UInt64(info.st_size)
    }

    /// Removes a file, ignoring "does not exist".
    static func removeIfPresent(_ path: String) {
        _ = unlink(path)
    }
}

// `open(2)` with an explicit mode (the C variadic form is not callable from Swift as is).
#if canImport(Glibc)
    private func systemOpen(_ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: mode_t) -> Int32 {
        Glibc.open(path, flags, mode)
    }
#else
    private func systemOpen(_ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: mode_t) -> Int32 {
        Darwin.open(path, flags, mode)
    }
#endif
