import Foundation
import GRDBSQLite
import Synchronization

/// A read-only SQLite VFS that serves a ``SeekableImage``: SQLite reads the image inside a c1z
/// in place, each page read decompressing only the frame(s) holding it. Registered once, under
/// ``name``; an image is opened by the file name ``register(_:)`` hands out, as the URI
/// ``uri(for:)`` (immutable: no locks, no journal, no change detection). Temporary files SQLite
/// opens through the same VFS (sorts, for instance) go to the default VFS; so do time,
/// randomness, sleeping and dynamic loading.
///
/// Unchecked `Sendable`: the VFS and method tables are written once in `init` and only read
/// afterwards (by SQLite, on any thread); the images registered are behind a mutex.
package final class SeekableVFS: @unchecked Sendable {
    /// The name SQLite knows it by.
    package static let name = "c1z-seekable"
    /// The VFS, or nil when SQLite could not register it (or does not interpret URI file names,
    /// which opening through it needs): readers then decode the file instead.
    package static let shared: SeekableVFS? = SeekableVFS()

    /// File names of registered images begin with this; nothing else is opened through us.
    static let prefix = "/c1z-seekable/"

    let base: UnsafeMutablePointer<sqlite3_vfs>
    let methods: UnsafeMutablePointer<sqlite3_io_methods>
    private let vfs: UnsafeMutablePointer<sqlite3_vfs>
    private let registry = Mutex<(next: Int, images: [String: SeekableImage])>((0, [:]))

    /// Where in SQLite's `sqlite3_file` the pointer to the open image goes: right after the header.
    static let imageOffset = MemoryLayout<sqlite3_file>.stride

    private init?() {
        // A GRDB connection is opened from a path: the VFS can only be chosen in a URI file name.
        guard sqlite3_compileoption_used("USE_URI") == 1, let base = sqlite3_vfs_find(nil) else { return nil }
        self.base = base
        methods = .allocate(capacity: 1)
        methods.initialize(to: Self.ioMethods())
        vfs = .allocate(capacity: 1)
        vfs.initialize(to: base.pointee)
        vfs.pointee.iVersion = min(base.pointee.iVersion, 2)
        vfs.pointee.szOsFile = max(base.pointee.szOsFile, Int32(Self.imageOffset + MemoryLayout<UnsafeRawPointer>.stride))
        vfs.pointee.pNext = nil
        vfs.pointee.zName = UnsafePointer(strdup(Self.name))
        vfs.pointee.pAppData = Unmanaged.passUnretained(self).toOpaque()
        Self.installVFSMethods(vfs)
        guard sqlite3_vfs_register(vfs, 0) == SQLITE_OK else { return nil }
    }

    /// Makes `image` openable; returns the file name to open it by (until ``unregister(_:)``).
    package func register(_ image: SeekableImage) -> String {
        registry.withLock { registry in
            registry.next += 1
            let name = Self.prefix + String(registry.next)
            registry.images[name] = image
            return name
        }
    }

    /// Forgets the name; a connection already open keeps its image until it closes.
    package func unregister(_ name: String) {
        _ = registry.withLock { $0.images.removeValue(forKey: name) }
    }

    /// The URI SQLite opens a registered image by: read-only, immutable, through this VFS.
    package func uri(for name: String) -> String {
        "file:\(name)?vfs=\(Self.name)&immutable=1"
    }

    func image(named name: String) -> SeekableImage? {
        registry.withLock { $0.images[name] }
    }

    static func from(_ vfs: UnsafeMutablePointer<sqlite3_vfs>?) -> SeekableVFS {
        Unmanaged<SeekableVFS>.fromOpaque(vfs!.pointee.pAppData).takeUnretainedValue()
    }

    static func isOurs(_ name: UnsafePointer<CChar>?) -> Bool {
        guard let name else { return false }
        return String(cString: name).hasPrefix(prefix)
    }

    // MARK: - The VFS's methods

    private static func installVFSMethods(_ vfs: UnsafeMutablePointer<sqlite3_vfs>) {
        vfs.pointee.xOpen = { vfs, name, file, flags, outFlags in
            let me = SeekableVFS.from(vfs)
            guard let file else { return SQLITE_CANTOPEN }
            if flags & SQLITE_OPEN_MAIN_DB == 0 {
                // Temporary files (sorts, temporary tables) are ordinary files of the default VFS.
                return me.base.pointee.xOpen!(me.base, name, file, flags, outFlags)
            }
            file.pointee.pMethods = nil
            guard let name, SeekableVFS.isOurs(name), let image = me.image(named: String(cString: name)) else {
                return SQLITE_CANTOPEN
            }
            UnsafeMutableRawPointer(file).storeBytes(
                of: Unmanaged.passRetained(image).toOpaque(), toByteOffset: SeekableVFS.imageOffset, as: UnsafeMutableRawPointer.self)
            file.pointee.pMethods = UnsafePointer(me.methods)
            outFlags?.pointee = SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB
            return SQLITE_OK
        }
        vfs.pointee.xDelete = { vfs, name, syncDirectory in
            if SeekableVFS.isOurs(name) { return SQLITE_READONLY }
            let base = SeekableVFS.from(vfs).base
            return base.pointee.xDelete!(base, name, syncDirectory)
        }
        vfs.pointee.xAccess = { vfs, name, flags, result in
            // Nothing exists beside an image (no journal, no WAL): it is only ever read.
            if SeekableVFS.isOurs(name) {
                result?.pointee = 0
                return SQLITE_OK
            }
            let base = SeekableVFS.from(vfs).base
            return base.pointee.xAccess!(base, name, flags, result)
        }
        vfs.pointee.xFullPathname = { vfs, name, count, output in
            if let name, let output, SeekableVFS.isOurs(name) {
                let length = strlen(name)
                guard length < Int(count) else { return SQLITE_CANTOPEN }
                memcpy(output, name, length + 1)
                return SQLITE_OK
            }
            let base = SeekableVFS.from(vfs).base
            return base.pointee.xFullPathname!(base, name, count, output)
        }
        vfs.pointee.xDlOpen = { vfs, name in
            let base = SeekableVFS.from(vfs).base
            return base.pointee.xDlOpen!(base, name)
        }
        vfs.pointee.xDlError = { vfs, count, message in
            let base = SeekableVFS.from(vfs).base
            base.pointee.xDlError!(base, count, message)
        }
        vfs.pointee.xDlSym = { vfs, handle, symbol in
            let base = SeekableVFS.from(vfs).base
            return base.pointee.xDlSym!(base, handle, symbol)
        }
        vfs.pointee.xDlClose = { vfs, handle in
            let base = SeekableVFS.from(vfs).base
            base.pointee.xDlClose!(base, handle)
        }
        vfs.pointee.xRandomness = { vfs, count, output in
            let base = SeekableVFS.from(vfs).base
            return base.pointee.xRandomness!(base, count, output)
        }
        vfs.pointee.xSleep = { vfs, microseconds in
            let base = SeekableVFS.from(vfs).base
            return base.pointee.xSleep!(base, microseconds)
        }
        vfs.pointee.xCurrentTime = { vfs, now in
            let base = SeekableVFS.from(vfs).base
            return base.pointee.xCurrentTime!(base, now)
        }
        vfs.pointee.xGetLastError = { vfs, count, message in
            let base = SeekableVFS.from(vfs).base
            return base.pointee.xGetLastError?(base, count, message) ?? 0
        }
        vfs.pointee.xCurrentTimeInt64 = { vfs, now in
            let base = SeekableVFS.from(vfs).base
            return base.pointee.xCurrentTimeInt64!(base, now)
        }
        vfs.pointee.xSetSystemCall = nil
        vfs.pointee.xGetSystemCall = nil
        vfs.pointee.xNextSystemCall = nil
    }

    // MARK: - An open image's methods

    static func image(_ file: UnsafeMutablePointer<sqlite3_file>?) -> SeekableImage {
        let pointer = UnsafeMutableRawPointer(file!).load(fromByteOffset: imageOffset, as: UnsafeMutableRawPointer.self)
        return Unmanaged<SeekableImage>.fromOpaque(pointer).takeUnretainedValue()
    }

    private static func ioMethods() -> sqlite3_io_methods {
        var methods = sqlite3_io_methods()
        // Version 1: no shared memory (so no WAL) and no memory mapping; the image is only read.
        methods.iVersion = 1
        methods.xClose = { file in
            let raw = UnsafeMutableRawPointer(file!)
            Unmanaged<SeekableImage>.fromOpaque(raw.load(fromByteOffset: SeekableVFS.imageOffset, as: UnsafeMutableRawPointer.self))
                .release()
            return SQLITE_OK
        }
        methods.xRead = { file, buffer, count, offset in
            guard let buffer, count >= 0, offset >= 0 else { return ioErrorRead }
            let image = SeekableVFS.image(file)
            let got: Int
            do { got = try image.read(into: buffer, count: Int(count), offset: UInt64(offset)) } catch {
                return ioErrorRead
            }
            SeekableVFS.markRollbackJournal(buffer, count: got, offset: UInt64(offset))
            if got < Int(count) {
                // SQLite expects the missing tail zeroed on a short read.
                memset(buffer + got, 0, Int(count) - got)
                return ioErrorShortRead
            }
            return SQLITE_OK
        }
        methods.xWrite = { _, _, _, _ in SQLITE_READONLY }
        methods.xTruncate = { _, _ in SQLITE_READONLY }
        methods.xSync = { _, _ in SQLITE_OK }
        methods.xFileSize = { file, size in
            size?.pointee = sqlite3_int64(SeekableVFS.image(file).size)
            return SQLITE_OK
        }
        methods.xLock = { _, _ in SQLITE_OK }
        methods.xUnlock = { _, _ in SQLITE_OK }
        methods.xCheckReservedLock = { _, result in
            result?.pointee = 0
            return SQLITE_OK
        }
        methods.xFileControl = { _, _, _ in SQLITE_NOTFOUND }
        methods.xSectorSize = { _ in 4096 }
        methods.xDeviceCharacteristics = { _ in SQLITE_IOCAP_IMMUTABLE }
        return methods
    }

    /// The Go SDK may leave the WAL read/write versions (2) in bytes 18 and 19 of the header; no
    /// WAL exists beside an image read in place, so it reads as the rollback-journal file it is
    /// (the decoding reader clears the same bytes in its copy).
    static func markRollbackJournal(_ buffer: UnsafeMutableRawPointer, count: Int, offset: UInt64) {
        for position in UInt64(18)...19 where position >= offset && position < offset + UInt64(count) {
            let byte = buffer.advanced(by: Int(position - offset)).assumingMemoryBound(to: UInt8.self)
            if byte.pointee == 2 { byte.pointee = 1 }
        }
    }
}

/// SQLite's extended result codes for a failed and a short read (C macros Swift does not import).
private let ioErrorRead = SQLITE_IOERR | (1 << 8)
private let ioErrorShortRead = SQLITE_IOERR | (2 << 8)
