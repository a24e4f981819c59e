/// Provisioning entry points shared by one-shot flags and service-mode tasks: each finds the
/// object that serves the resource type and says plainly when there is none.
extension Connector {
    /// The grant/revoke provisioner of `typeId`, or `UNIMPLEMENTED`.
    public func requireGrantProvisioner(for typeId: String) throws -> any GrantProvisioner {
        guard let provisioner = grantProvisioner(for: typeId) else {
            throw BatonError.unimplemented("resource type \"\(typeId)\" does not support grant and revoke")
        }
        return provisioner
    }

    /// The account type: the one given, else the only type with an ``AccountManager``.
    public func accountType(_ given: String?, flag: String = "--create-account-resource-type") throws -> String {
        if let given, !given.isEmpty {
            guard syncer(for: given) != nil else {
                throw BatonError.invalidArgument("unknown resource type \"\(given)\" in \(flag)")
            }
            return given
        }
        let candidates = syncers.map(\.resourceType.id).filter { accountManager(for: $0) != nil }
        switch candidates.count {
        case 1: return candidates[0]
        case 0: throw BatonError.unimplemented("this connector does not support account creation")
        default:
            throw BatonError.invalidArgument("several resource types create accounts (\(candidates.joined(separator: ", "))): pass \(flag)")
        }
    }

    /// The account manager of `typeId`, or `UNIMPLEMENTED`.
    public func requireAccountManager(for typeId: String) throws -> any AccountManager {
        guard let manager = accountManager(for: typeId) else {
            throw BatonError.unimplemented("resource type \"\(typeId)\" does not support account creation")
        }
        return manager
    }

    /// The resource creator of `typeId`, or `UNIMPLEMENTED`.
    public func requireResourceCreator(for typeId: String) throws -> any ResourceCreator {
        guard syncer(for: typeId) != nil else { throw BatonError.invalidArgument("unknown resource type \"\(typeId)\"") }
        guard let creator = resourceCreator(for: typeId) else {
            throw BatonError.unimplemented("resource type \"\(typeId)\" does not support creation")
        }
        return creator
    }

    /// The resource deleter of `typeId`, or `UNIMPLEMENTED` (`INVALID_ARGUMENT` for a type this
    /// connector does not have).
    public func requireResourceDeleter(for typeId: String, flag: String = "--delete-resource-type") throws -> any ResourceDeleter {
        guard syncer(for: typeId) != nil else {
            throw BatonError.invalidArgument("unknown resource type \"\(typeId)\" in \(flag)")
        }
        guard let deleter = resourceDeleter(for: typeId) else {
            throw BatonError.unimplemented("resource type \"\(typeId)\" does not support deletion")
        }
        return deleter
    }
}
