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

    /// Who grants and revokes entitlements of the type; nil = grant and revoke are `UNIMPLEMENTED` for it.
    func grantProvisioner(for resourceTypeId: String) -> (any GrantProvisioner)?
    /// Who creates accounts of the type; nil = the type does not advertise account provisioning.
    func accountManager(for resourceTypeId: String) -> (any AccountManager)?
    /// Who creates resources of the type; nil = creation is `UNIMPLEMENTED` for it.
    func resourceCreator(for resourceTypeId: String) -> (any ResourceCreator)?
    /// Who deletes resources of the type; nil = deletion is `UNIMPLEMENTED` for it.
    func resourceDeleter(for resourceTypeId: String) -> (any ResourceDeleter)?
}

extension Connector {
    /// The syncer whose resource type id is `resourceTypeId`.
    public func syncer(for resourceTypeId: String) -> (any ResourceSyncer)? {
        syncers.first { $0.resourceType.id == resourceTypeId }
    }

    /// Default: the type's syncer, when it also conforms to ``GrantProvisioner``.
    public func grantProvisioner(for resourceTypeId: String) -> (any GrantProvisioner)? {
        syncer(for: resourceTypeId) as? any GrantProvisioner
    }
    /// Default: the type's syncer, when it also conforms to ``AccountManager``.
    public func accountManager(for resourceTypeId: String) -> (any AccountManager)? {
        syncer(for: resourceTypeId) as? any AccountManager
    }
    /// Default: the type's syncer, when it also conforms to ``ResourceCreator``.
    public func resourceCreator(for resourceTypeId: String) -> (any ResourceCreator)? {
        syncer(for: resourceTypeId) as? any ResourceCreator
    }
    /// Default: the type's syncer, when it also conforms to ``ResourceDeleter``.
    public func resourceDeleter(for resourceTypeId: String) -> (any ResourceDeleter)? {
        syncer(for: resourceTypeId) as? any ResourceDeleter
    }
}
