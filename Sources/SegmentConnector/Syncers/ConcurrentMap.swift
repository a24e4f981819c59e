extension Array where Element: Sendable {
    /// `transform` applied to every element with at most `limit` running at once, results in order.
    func concurrentMap<T: Sendable>(limit: Int, _ transform: @escaping @Sendable (Element) async throws -> T) async throws -> [T] {
        guard count > 1, limit > 1 else {
            var results: [T] = []
            results.reserveCapacity(count)
            for element in self { results.append(try await transform(element)) }
            return results
        }
        return try await withThrowingTaskGroup(of: (Int, T).self) { group in
            var results = [T?](repeating: nil, count: count)
            var next = 0
            func launch() {
                let index = next
                let element = self[index]
                group.addTask { (index, try await transform(element)) }
                next += 1
            }
            while next < Swift.min(limit, count) { launch() }
            while let (index, value) = try await group.next() {
                results[index] = value
                if next < count { launch() }
            }
            return results.map { $0! }
        }
    }
}
