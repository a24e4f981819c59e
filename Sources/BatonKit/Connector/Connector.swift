/// A Baton connector: metadata, a credential check, one syncer per resource type and,
/// optionally, provisioning per type.
///
/// The capability lookups have default implementations that find the syncer of that type and
/// check whether it also conforms to ``GrantProvisioner``, ``AccountManager``,
/// ``ResourceCreator`` or ``ResourceDeleter``; override them to provide a separate object.
/// `capabilities` is derived from the same lookups, so what is advertised is what is wired.
public protocol Connector: Sendable {
    /// Display name, description, help URL... (`capabilities` is filled in by BatonKit).
    func metadata() async throws -> ConnectorMetadata
    /// Checks credentials and reachability; an error aborts the sync before any data is fetched.
    func validate() async throws
    /// One syncer per resource type, in the order types should be listed.
    var syncers: [any ResourceSyncer] { get }

    func grantProvisioner(for resourceTypeId: String) -> (any GrantProvisioner)?
    func accountManager(for resourceTypeId: String) -> (any AccountManager)?
    func resourceCreator(for resourceTypeId: String) -> (any ResourceCreator)?
    func resourceDeleter(for resourceTypeId: String) -> (any ResourceDeleter)?
}

extension Connector {
    /// The syncer whose resource type id is `resourceTypeId`.
    public func syncer(for resourceTypeId: String) -> (any ResourceSyncer)? {
        syncers.first { $0.resourceType.id == resourceTypeId }
    }

    public func grantProvisioner(for resourceTypeId: String) -> (any GrantProvisioner)? {
        syncer(for: resourceTypeId) as? any GrantProvisioner
    }
    public func accountManager(for resourceTypeId: String) -> (any AccountManager)? {
        syncer(for: resourceTypeId) as? any AccountManager
    }
    public func resourceCreator(for resourceTypeId: String) -> (any ResourceCreator)? {
        syncer(for: resourceTypeId) as? any ResourceCreator
    }
    public func resourceDeleter(for resourceTypeId: String) -> (any ResourceDeleter)? {
        syncer(for: resourceTypeId) as? any ResourceDeleter
    }
}
