/// Refuses a request path whose segments a proxy or server would not read as ids: an id of
/// `.` or `..` (percent-encoding leaves both as they are) is a dot-segment that a normalising
/// proxy resolves, so `GET /users/..` would reach `GET /` instead; an empty id drops a level.
enum RequestPath {
    static func check(_ path: String, operation: String) throws {
        guard path != "/" else { return }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            if segment.isEmpty || segment == "." || segment == ".." {
                throw SegmentAPIError.invalidIdentifier(operation: operation, id: String(segment))
            }
        }
    }
}
