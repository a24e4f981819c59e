/// Constants of the c1z v1 envelope (docs/baton-conventions.md, "Envelope").
public enum C1ZFormat {
    /// `C1ZF\0`, the first five bytes of every c1z v1 file.
    public static let magic: [UInt8] = [0x43, 0x31, 0x5A, 0x46, 0x00]
    /// The zstd frame magic number as it appears on disk (little-endian 0xFD2FB528).
    public static let zstdFrameMagic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]
    /// The CLI reader's default cap on the decoded SQLite image: 3 GiB.
    public static let defaultMaxDecodedSize: UInt64 = 3 << 30
    /// The newer SDK reader's default cap (10 GiB): one-shot provisioning reads the file a sync of
    /// ours wrote, and the next sync copies it in as its history, and a 100,000-user workspace's
    /// image is past the CLI's 3 GiB.
    public static let sdkMaxDecodedSize: UInt64 = 10 << 30
    /// zstd level the writer uses (the SDK's default).
    public static let defaultCompressionLevel: Int32 = 3
    /// Bytes of the SQLite image in each zstd frame the writer emits (the last frame holds the
    /// rest): small enough that reading one page decompresses little, large enough that the
    /// file stays within 2% of one frame's size (docs/benchmarks.md, E: 2 MiB frames cost 4.7%,
    /// 4 MiB 1.9%, 8 MiB 0.6% on a 3.4 GB image; level 3's window is 2 MiB).
    package static let frameSize = 4 << 20
    /// The first 16 bytes of any SQLite 3 database file.
    static let sqliteHeader: [UInt8] = Array("SQLite format 3\0".utf8)
}
