/// Ids as error messages show them: a hostile or mistaken id can be kilobytes long, and a
/// one-line error must stay readable, so long ids are cut with their length noted.
public enum IdentifierText {
    /// Characters of an id shown before it is cut.
    public static let shownCharacters = 120

    /// `id` itself, or its first ``shownCharacters`` characters and how long it really is.
    public static func shown(_ id: String) -> String {
        guard id.count > shownCharacters else { return id }
        return "\(id.prefix(shownCharacters))…(\(id.count) characters)"
    }
}
