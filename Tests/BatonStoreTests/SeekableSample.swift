import BatonProto
import Foundation

@testable import BatonStore

/// A workspace large enough that its image spans many small frames: users in groups, roles
/// held by groups and inherited by their members, two syncs of it (the second with changes),
/// so every list, lookup and the diff have something to read.
enum SeekableSample {
    static let users = 600
    static let groups = 40
    static let roles = 6
    /// Small frames, so a few megabytes of image make many of them.
    static let frameSize = 16 << 10

    static var options: C1ZWriterOptions {
        var options = C1ZWriterOptions()
        options.frameSize = frameSize
        return options
    }

    /// Writes two syncs into `path` (the second removes some users and memberships and adds
    /// others) and returns what the newest one holds.
    @discardableResult
    static func write(to path: String) async throws -> SampleSync {
        _ = try await sync(variant: 0).write(to: path, options: options)
        let newest = sync(variant: 1)
        _ = try await newest.write(to: path, options: options)
        return newest
    }

    static func sync(variant: Int) -> SampleSync {
        var sync = SampleSync()
        sync.types = [
            Sample.resourceType("workspace"),
            Sample.resourceType("user", traits: [.user]),
            Sample.resourceType("group", traits: [.group]),
            Sample.resourceType("role", traits: [.role]),
        ]
        let workspace = Sample.resource("workspace", "w1")
        let users = (0..<Self.users).filter { ($0 + variant) % 97 != 0 }.map { index in
            var user = Sample.resource("user", "u\(index)", parent: workspace.id)
            user.description_p = "user number \(index) of the sample workspace, variant \(variant)"
            return user
        }
        let groups = (0..<Self.groups).map { Sample.resource("group", "g\($0)", parent: workspace.id) }
        let roles = (0..<Self.roles).map { Sample.resource("role", "r\($0)", parent: workspace.id) }
        sync.resources = [workspace] + users + groups + roles

        let groupMember = groups.map { Sample.entitlement(on: $0, slug: "member") }
        let roleMember = roles.map { Sample.entitlement(on: $0, slug: "member") }
        sync.entitlements = groupMember + roleMember

        for (index, user) in users.enumerated() {
            for group in 0..<Self.groups where (index * 7 + group * 3 + variant) % 11 == 0 {
                sync.grants.append(Sample.grant(groupMember[group], to: user))
                let role = group % Self.roles
                var inherited = Sample.grant(roleMember[role], to: user)
                inherited.sources = .with { $0.sources = [groupMember[group].id: .init()] }
                sync.grants.append(inherited)
            }
        }
        for (group, resource) in groups.enumerated() {
            var held = Sample.grant(roleMember[group % Self.roles], to: resource)
            held.annotations = [
                Sample.any(
                    C1_Connector_V2_GrantExpandable.with {
                        $0.entitlementIds = [groupMember[group].id]
                        $0.resourceTypeIds = ["user"]
                    })
            ]
            sync.grants.append(held)
        }
        // One grant id per (entitlement, principal): a user inherits a role through several groups.
        var seen = Set<String>()
        sync.grants = sync.grants.filter { seen.insert($0.id).inserted }
        return sync
    }
}
