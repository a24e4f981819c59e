/// The decoded query string. Keys are normalised so `pagination[count]`, `pagination%5Bcount%5D`
/// and `pagination.count` are the same key, and `emails[0]` equals `emails.0`. Like a real form
/// decoder, `+` decodes to a space (clients must percent-encode `+` in e-mails).
struct QueryParameters: Sendable {
    private(set) var pairs: [(key: String, value: String)] = []

    init(raw: String?) {
        guard let raw, !raw.isEmpty else { return }
        for part in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.normalise(Self.percentDecode(pieces[0]))
            let value = pieces.count > 1 ? Self.percentDecode(pieces[1]) : ""
            pairs.append((key, value))
        }
    }

    /// The first value of `key`, if present.
    subscript(key: String) -> String? { pairs.first { $0.key == key }?.value }

    func contains(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    /// Values of an indexed array (`name.0`, `name.1`, ...) in index order; nil when the caller used
    /// no indexed key at all.
    func indexedArray(_ name: String) -> [String]? {
        let prefix = name + "."
        let items = pairs.compactMap { pair -> (Int, String)? in
            guard pair.key.hasPrefix(prefix), let index = Int(pair.key.dropFirst(prefix.count)) else { return nil }
            return (index, pair.value)
        }
        guard !items.isEmpty else { return nil }
        return items.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// `a[b][c]` → `a.b.c`.
    static func normalise(_ key: String) -> String {
        guard key.contains("[") else { return key }
        return key.replacingOccurrences(of: "]", with: "").replacingOccurrences(of: "[", with: ".")
    }

    static func percentDecode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let high = hexValue(iterator[iterator.startIndex]),
                let low = hexValue(iterator[iterator.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }
}
