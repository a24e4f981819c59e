/// Fixed vocabularies of the API (resource types of permissions, label keys).
enum PermissionRules {
    static let resourceTypes: Set<String> = ["WORKSPACE", "SOURCE", "WAREHOUSE", "FUNCTION", "SPACE"]
    static let functionKinds = ["SOURCE", "DESTINATION", "INSERT_SOURCE", "INSERT_DESTINATION", "INSERT_TRANSFORMATION"]
}
