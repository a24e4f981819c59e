import BatonStore
import Foundation

/// Read access to a synced file for one-shot provisioning (docs/baton-conventions.md, "What a run does"): objects are looked up by id.
package protocol ProvisioningLookup: Sendable {
    func entitlement(id: String) async throws -> Entitlement?
    func resource(id: ResourceId) async throws -> Resource?
    func grant(id: String) async throws -> Grant?
}

extension InMemorySyncStore: ProvisioningLookup {
    package func entitlement(id: String) -> Entitlement? { entitlement(id) }
    package func resource(id: ResourceId) -> Resource? { resource(id) }
    package func grant(id: String) -> Grant? { grant(id) }
}

/// Looks objects up in a c1z file with BatonStore's reader (the latest finished full sync).
package struct C1ZLookup: ProvisioningLookup {
    let reader: C1ZReader

    /// Opens `path`; a missing file is a clear "run a sync first" error.
    package init(path: String, tempDirectory: String? = nil) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw BatonError.failedPrecondition("\(path) does not exist: run a sync first (or pass --file)")
        }
        do {
            // The newer SDK's cap, not the CLI's 3 GiB: a large workspace's file is past 3 GiB decoded.
            // In place: three lookups by id touch a few pages, so decoding the whole image first
            // would be nearly all of the command's time (docs/benchmarks.md, E).
            reader = try C1ZReader(
                path: path,
                options: C1ZReaderOptions(
                    maxDecodedSize: C1ZFormat.sdkMaxDecodedSize,
                    tempDirectory: tempDirectory, readInPlace: true))
        } catch {
            throw BatonError.failedPrecondition("cannot read \(path) as a c1z file: \(error)")
        }
    }

    package func entitlement(id: String) throws -> Entitlement? { try reader.entitlement(id: id) }
    package func resource(id: ResourceId) throws -> Resource? { try reader.resource(id: id) }
    package func grant(id: String) throws -> Grant? { try reader.grant(id: id) }
    package func close() { reader.close() }
    /// Whether the file is read in place (it has a seek table) rather than decoded first.
    package var readsInPlace: Bool { reader.readsInPlace }
}
