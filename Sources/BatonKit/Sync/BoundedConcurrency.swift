/// Runs work items with at most `limit` in flight (a sliding window over a task group).
enum BoundedConcurrency {
    /// Processes `initial` and every follow-up item the work returns, newest first (so children
    /// are listed soon after their parent, depth-first). `collect` sees each output on the
    /// calling task, so it may mutate local state without locks. The first error cancels the rest.
    /// `more`, when given, is asked (on the calling task) for the next batch whenever nothing is
    /// pending, until it returns an empty batch: items can stream from a store instead of all
    /// being held from the start.
    static func run<Item: Sendable, Output: Sendable>(
        initial: [Item],
        more: (() async throws -> [Item])? = nil,
        limit: Int,
        work: @escaping @Sendable (Item) async throws -> (followUps: [Item], output: Output),
        collect: (Output) throws -> Void
    ) async throws {
        var pending = Array(initial.reversed())
        var exhausted = more == nil
        let limit = max(1, limit)
        try await withThrowingTaskGroup(of: (followUps: [Item], output: Output).self) { group in
            var running = 0
            while true {
                while running < limit {
                    if pending.isEmpty, !exhausted, let more {
                        let batch = try await more()
                        if batch.isEmpty { exhausted = true } else { pending = Array(batch.reversed()) }
                    }
                    guard let item = pending.popLast() else { break }
                    group.addTask { try await work(item) }
                    running += 1
                }
                guard let finished = try await group.next() else { return }
                running -= 1
                try collect(finished.output)
                pending.append(contentsOf: finished.followUps.reversed())
            }
        }
    }
}
