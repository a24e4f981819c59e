/// Tarjan's strongly connected components, iterative (no recursion depth limit).
enum StronglyConnected {
    /// Components in reverse topological order: a component comes before every component that
    /// has an edge into it (sinks first).
    static func components(nodes: [String], successors: [String: [String]]) -> [[String]] {
        var index: [String: Int] = [:]
        var lowLink: [String: Int] = [:]
        var onStack: Set<String> = []
        var stack: [String] = []
        var result: [[String]] = []
        var counter = 0

        for root in nodes where index[root] == nil {
            // Each frame: node and position in its successor list.
            var frames: [(node: String, next: Int)] = [(root, 0)]
            index[root] = counter; lowLink[root] = counter; counter += 1
            stack.append(root); onStack.insert(root)
            while let frame = frames.last {
                let next = successors[frame.node] ?? []
                if frame.next < next.count {
                    frames[frames.count - 1].next += 1
                    let successor = next[frame.next]
                    if index[successor] == nil {
                        index[successor] = counter; lowLink[successor] = counter; counter += 1
                        stack.append(successor); onStack.insert(successor)
                        frames.append((successor, 0))
                    } else if onStack.contains(successor) {
                        lowLink[frame.node] = min(lowLink[frame.node]!, index[successor]!)
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last {
                    lowLink[parent.node] = min(lowLink[parent.node]!, lowLink[frame.node]!)
                }
                if lowLink[frame.node] == index[frame.node] {
                    var component: [String] = []
                    while let member = stack.popLast() {
                        onStack.remove(member)
                        component.append(member)
                        if member == frame.node { break }
                    }
                    result.append(component)
                }
            }
        }
        return result
    }
}
