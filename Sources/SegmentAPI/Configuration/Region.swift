/// The Segment region that hosts a workspace; a token only works against its own region.
public enum Region: String, Sendable, CaseIterable, Codable {
    /// United States: `api.segmentapis.com` (the default).
    case us
    /// Europe: `eu1.api.segmentapis.com`.
    case eu

    /// The Public API host of the region.
    public var baseURL: String {
        switch self {
        case .us: "https://api.segmentapis.com"
        case .eu: "https://eu1.api.segmentapis.com"
        }
    }
}
