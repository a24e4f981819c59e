/// A short, stable, file-name-safe digest of a text (64-bit FNV-1a as 16 hex digits), for names
/// that must come out the same in every process: a working copy's folder, service mode's
/// temporary c1z. Not a security measure.
package enum StableDigest {
    package static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
