import BatonStore
import Foundation

/// KSUIDs for `sync_id` (docs/baton-conventions.md, "Column values"), from BatonStore.
package enum SyncID {
    /// A new KSUID for `date`.
    package static func make(date: Date = Date()) -> String { KSUID.generate(at: date) }
}
