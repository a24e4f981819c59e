import BatonStore
import Foundation

/// KSUIDs for `sync_id` (docs/baton-conventions.md, "Column values"), from BatonStore.
public enum SyncID {
    /// A new KSUID for `date`.
    public static func make(date: Date = Date()) -> String { KSUID.generate(at: date) }
}
