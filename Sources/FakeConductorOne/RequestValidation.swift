import BatonServiceProto
import GRPCCore

/// The checks ConductorOne applies to BatonService requests (its protos' validation rules), as
/// far as the connector can get them wrong. A violation is INVALID_ARGUMENT, as there.
enum RequestValidation {
    /// Longest string field ConductorOne accepts in these messages.
    static let maximumFieldLength = 256

    static func hostId(_ hostId: String) throws(RPCError) {
        guard (1...maximumFieldLength).contains(hostId.count) else {
            throw invalid("host_id must be 1–\(maximumFieldLength) characters, got \(hostId.count)")
        }
    }

    static func taskId(_ taskId: String, field: String = "task_id") throws(RPCError) {
        guard TaskScript.isTaskId(taskId) else {
            throw invalid("\(field) must be 27 alphanumerics, got \"\(taskId)\"")
        }
    }

    static func hello(_ request: C1_Connectorapi_Baton_V1_BatonServiceHelloRequest) throws(RPCError) {
        try hostId(request.hostID)
        if !request.taskID.isEmpty {
            try taskId(request.taskID)
        }
        guard request.hasBuildInfo else { throw invalid("build_info is required") }
        let build = request.buildInfo
        try filled([
            ("build_info.lang_version", build.langVersion),
            ("build_info.package", build.package),
            ("build_info.package_version", build.packageVersion),
        ])
        guard request.hasOsInfo else { throw invalid("os_info is required") }
        let os = request.osInfo
        try filled([
            ("os_info.hostname", os.hostname),
            ("os_info.os", os.os),
            ("os_info.platform", os.platform),
            ("os_info.platform_version", os.platformVersion),
            ("os_info.platform_family", os.platformFamily),
            ("os_info.kernel_version", os.kernelVersion),
            ("os_info.kernel_arch", os.kernelArch),
            ("os_info.virtualization_system", os.virtualizationSystem),
        ])
        guard request.hasConnectorMetadata else { throw invalid("connector_metadata is required") }
        guard !request.connectorMetadata.displayName.isEmpty else {
            throw invalid("connector_metadata.display_name is required")
        }
        try annotations(request.annotations.count)
    }

    static func heartbeat(_ request: C1_Connectorapi_Baton_V1_BatonServiceHeartbeatRequest) throws(RPCError) {
        try hostId(request.hostID)
        try taskId(request.taskID)
        for id in request.taskIds {
            try taskId(id, field: "task_ids[]")
        }
        try annotations(request.annotations.count)
    }

    static func finishTask(_ request: C1_Connectorapi_Baton_V1_BatonServiceFinishTaskRequest) throws(RPCError) {
        try hostId(request.hostID)
        try taskId(request.taskID)
        switch request.finalState {
        case nil:
            throw invalid("final_state (error or success) is required")
        case .error(let error)?:
            try annotations(error.annotations.count)
        case .success(let success)?:
            try annotations(success.annotations.count)
        }
    }

    static func getTasks(_ request: C1_Connectorapi_Baton_V1_BatonServiceGetTasksRequest) throws(RPCError) {
        try hostId(request.hostID)
        guard (1...100).contains(request.pageSize) else {
            throw invalid("page_size must be 1–100, got \(request.pageSize)")
        }
    }

    private static func filled(_ fields: [(name: String, value: String)]) throws(RPCError) {
        for field in fields {
            guard !field.value.isEmpty else { throw invalid("\(field.name) must not be empty") }
            guard field.value.count <= maximumFieldLength else {
                throw invalid("\(field.name) must be at most \(maximumFieldLength) characters")
            }
        }
    }

    private static func annotations(_ count: Int) throws(RPCError) {
        guard count <= 16 else { throw invalid("at most 16 annotations, got \(count)") }
    }

    static func invalid(_ message: String) -> RPCError {
        RPCError(code: .invalidArgument, message: message)
    }
}
