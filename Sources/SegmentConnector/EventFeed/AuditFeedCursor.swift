import Foundation

/// Where the audit-trail feed stands: every event up to `watermark` (milliseconds since 1970)
/// has been delivered, except those at exactly `watermark` not in `deliveredAtWatermark`. The
/// audit trail pages newest-first and events share timestamps, so a time alone would either
/// repeat or drop events; the ids at the boundary make it exact. Opaque to callers: base64url
/// JSON, self-contained, so it survives restarts.
struct AuditFeedCursor: Equatable, Codable {
    var watermark: Int64
    var deliveredAtWatermark: [String]

    /// The cursor before any event at or after `startAt`.
    init(startAt: Date) {
        watermark = Int64((startAt.timeIntervalSince1970 * 1000).rounded(.down))
        deliveredAtWatermark = []
    }

    init(watermark: Int64, deliveredAtWatermark: [String]) {
        self.watermark = watermark
        self.deliveredAtWatermark = deliveredAtWatermark
    }

    private enum CodingKeys: String, CodingKey {
        case watermark = "t"
        case deliveredAtWatermark = "ids"
    }

    /// Whether an event at `time` with `id` is still to be delivered.
    func isPending(time: Int64, id: String) -> Bool {
        time > watermark || (time == watermark && !deliveredAtWatermark.contains(id))
    }

    /// The cursor after also delivering (or skipping) `id` at `time`; events are consumed in
    /// (time, id) order, so the watermark only moves forward.
    func advanced(time: Int64, id: String) -> AuditFeedCursor {
        if time == watermark { return AuditFeedCursor(watermark: time, deliveredAtWatermark: deliveredAtWatermark + [id]) }
        return AuditFeedCursor(watermark: max(time, watermark), deliveredAtWatermark: [id])
    }

    var encoded: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a cursor this feed returned; anything else is a one-line error.
    init(decoding text: String) throws {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let cursor = try? JSONDecoder().decode(AuditFeedCursor.self, from: data) else {
            throw SegmentConnectorError.badCursor(text)
        }
        self = cursor
    }
}
