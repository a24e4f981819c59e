import BatonStore
import Foundation

/// What changed between the two newest finished full syncs of a file, arranged for people:
/// each inherited (expanded) grant change sits under the change that caused it, and each grant
/// change of a principal that was itself added or removed sits under that resource change.
/// Knows nothing of any connector; the words come from the connector's own report.
package struct SyncChanges: Sendable {
    /// A grant gained or lost, with the inherited grant changes it brought along.
    package struct GrantChange: Sendable, Equatable {
        package var grant: DiffGrant
        package var inherited: [DiffGrant]
    }

    /// A resource added or removed, with the grant changes of that resource as principal.
    package struct ResourceChange: Sendable, Equatable {
        package var resource: DiffResource
        package var grants: [GrantChange]
    }

    package var older: SyncRun
    package var newer: SyncRun
    package var added: [ResourceChange]
    package var removed: [ResourceChange]
    /// Grant changes not under a resource change.
    package var gained: [GrantChange]
    package var lost: [GrantChange]
    /// The raw difference the arrangement was made from (for counts).
    package var diff: SyncDiff

    package init(_ diff: SyncDiff) {
        self.diff = diff
        older = diff.older
        newer = diff.newer
        let gainedChanges = Self.group(diff.gainedGrants)
        let lostChanges = Self.group(diff.lostGrants)
        (added, gained) = Self.attach(gainedChanges, to: diff.addedResources)
        (removed, lost) = Self.attach(lostChanges, to: diff.removedResources)
    }

    /// The changes between the two newest finished full syncs of the c1z at `path`. A file with
    /// fewer than two is a `failedPrecondition` error saying so.
    package static func latest(in path: String, tempDirectory: String? = nil) throws -> SyncChanges {
        guard FileManager.default.fileExists(atPath: path) else {
            throw BatonError.failedPrecondition("\(path) does not exist: run two syncs into it first (or pass --file)")
        }
        let reader: C1ZReader
        do {
            reader = try C1ZReader(path: path, options: C1ZReaderOptions(tempDirectory: tempDirectory))
        } catch {
            throw BatonError.failedPrecondition("cannot read \(path) as a c1z file: \(error)")
        }
        defer { reader.close() }
        guard let diff = try reader.diffOfLatestSyncs() else {
            let count = try reader.finishedFullSyncs().count
            throw BatonError.failedPrecondition(
                "\(path) holds \(count) finished full sync\(count == 1 ? "" : "s"); comparing needs two (sync into the same file again)")
        }
        return SyncChanges(diff)
    }

    /// Puts each grant held only by inheritance under the direct change that explains it: the
    /// principal gaining (or losing) membership of the entitlement it inherits through, or the
    /// group it inherits through gaining (or losing) the entitlement itself. Inherited changes
    /// with no such cause among `grants` stand alone.
    static func group(_ grants: [DiffGrant]) -> [GrantChange] {
        var changes: [GrantChange] = []
        var index: [String: Int] = [:]  // "<entitlement>\0<principal type>\0<principal id>" -> position
        func key(_ entitlement: String, _ type: String, _ id: String) -> String { "\(entitlement)\u{0}\(type)\u{0}\(id)" }
        for grant in grants where grant.isDirect || grant.inheritedThrough.isEmpty {
            index[key(grant.entitlementID, grant.principalType, grant.principalID)] = changes.count
            changes.append(GrantChange(grant: grant, inherited: []))
        }
        for grant in grants where !(grant.isDirect || grant.inheritedThrough.isEmpty) {
            let cause = grant.inheritedThrough.lazy.compactMap { source in
                index[key(source.entitlementID, grant.principalType, grant.principalID)]
                    ?? index[key(grant.entitlementID, source.resourceType, source.resourceID)]
            }.first
            if let cause {
                changes[cause].inherited.append(grant)
            } else {
                changes.append(GrantChange(grant: grant, inherited: []))
            }
        }
        return changes
    }

    /// Moves grant changes whose principal is one of `resources` under that resource.
    static func attach(_ changes: [GrantChange], to resources: [DiffResource]) -> ([ResourceChange], [GrantChange]) {
        var position: [String: Int] = [:]
        var arranged = resources.enumerated().map { offset, resource in
            position["\(resource.resourceType)\u{0}\(resource.resourceID)"] = offset
            return ResourceChange(resource: resource, grants: [])
        }
        var rest: [GrantChange] = []
        for change in changes {
            if let at = position["\(change.grant.principalType)\u{0}\(change.grant.principalID)"] {
                arranged[at].grants.append(change)
            } else {
                rest.append(change)
            }
        }
        return (arranged, rest)
    }
}
