/// Fixed vocabularies of the API (doc §7.1, §6.9).
enum PermissionRules {
    static let resourceTypes: Set<String> = ["WORKSPACE", "SOURCE", "WAREHOUSE", "FUNCTION", "SPACE"]
    static let functionKinds = ["SOURCE", "DESTINATION", "INSERT_SOURCE", "INSERT_DESTINATION", "INSERT_TRANSFORMATION"]
}
