/// What a well-formed Public API token looks like from outside: no whitespace, no control
/// characters. An HTTP library refuses such a header value, and its error text quotes the
/// value (the secret) in escaped form, so the token is checked before any request is built.
public enum SegmentToken {
    /// True when `token` holds whitespace or a control character anywhere.
    public static func hasForbiddenCharacters(_ token: String) -> Bool {
        token.unicodeScalars.contains { scalar in
            scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .format || scalar.value == 0x7F
        }
    }
}
