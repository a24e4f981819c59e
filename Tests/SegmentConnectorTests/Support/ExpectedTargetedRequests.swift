import BatonKit
import SegmentSimulator

/// The most requests a targeted sync of principals may make, from the workspace it reads: the
/// shared reads once (workspace, roles, one listing of each resource kind) and then only what
/// each named principal needs. Nothing here grows with the workspace's other users.
enum ExpectedTargetedRequests {
    static func bound(_ snapshot: WorkspaceSnapshot, targets: Set<ResourceId>, pageSize: Int = 200) -> Int {
        let pages = { (count: Int) in ExpectedRequests.pages(count, pageSize) }
        let functionPages = ExpectedRequests.functionKinds.map { kind in pages(snapshot.functions.filter { $0.resourceType == kind }.count)
        }.reduce(0, +)
        var total =
            1 + pages(snapshot.roles.count)
            + pages(snapshot.sources.count) + pages(snapshot.warehouses.count) + functionPages + pages(snapshot.spaces.count)
        var groupsRead: Set<String> = []
        var invitesListed = false
        for target in targets {
            switch target.resourceType {
            case "user":
                total += 1
                let mine = snapshot.groups.filter { $0.members.contains(target.resource) }
                if snapshot.users.contains(where: { $0.id == target.resource }) { total += pages(mine.count) }
                groupsRead.formUnion(mine.map(\.id))
            case "group":
                groupsRead.insert(target.resource)
                if let group = snapshot.groups.first(where: { $0.id == target.resource }) {
                    total += pages(group.members.count) + pages(group.inviteMembers.count)
                }
            case "invite":
                if !invitesListed {
                    invitesListed = true
                    total += pages(snapshot.invites.count) + pages(snapshot.groups.count) + snapshot.groups.count
                }
            default:
                break
            }
        }
        return total + groupsRead.count
    }
}
