/// What one provisioning operation does, as an ordered list of steps, each holding the Segment
/// calls it may make and the code that makes them. `--dry-run` prints `calls`; `run()` performs
/// the steps. Both read the same description, so a dry run cannot drift from what runs.
///
/// Reads happen only when the plan runs (a dry run makes no request at all), so a step decides
/// from what earlier steps read, kept in `State`: a write is skipped when a read shows there is
/// nothing to do, and that is what its line says ("unless already held").
struct SegmentCallPlan<State: Sendable, Result: Sendable>: Sendable {
    typealias Perform = @Sendable (inout State) async throws -> StepOutcome<Result>

    /// One or more calls made together (the last-owner check and the write it guards share a lock).
    struct Step: Sendable {
        let calls: [PlannedCall]
        let perform: Perform
    }

    private let locks: PrincipalLocks
    private let initial: State
    private var steps: [Step] = []
    /// The principal held from the step at `index` to the end (a principal's read-modify-write
    /// must not interleave with another operation's on the same principal).
    private var lock: (key: String, index: Int)?
    /// The result when no step ended the operation early.
    private let finish: @Sendable (State) async throws -> Result

    init(state: State, locks: PrincipalLocks, finish: @escaping @Sendable (State) async throws -> Result) {
        initial = state
        self.locks = locks
        self.finish = finish
    }

    /// Every call, in order: what `--dry-run` prints.
    var calls: [PlannedCall] { steps.flatMap(\.calls) }

    /// Appends a step making `calls` (none: a check that needs no request).
    mutating func step(_ calls: PlannedCall..., perform: @escaping Perform) {
        append(calls: calls, perform: perform)
    }

    /// Appends a step making `calls`, given as an array (possibly empty).
    mutating func append(calls: [PlannedCall], perform: @escaping Perform) {
        steps.append(Step(calls: calls, perform: perform))
    }

    /// Holds `key` (a principal's lock key) from the next step until the plan ends.
    mutating func lockPrincipal(_ key: String) {
        precondition(lock == nil, "a plan holds one principal")
        lock = (key, steps.count)
    }

    /// Runs the steps in order; the first that returns `.done` ends the operation with its result.
    func run() async throws -> Result {
        var state = initial
        let split = lock?.index ?? steps.count
        if let early = try await runSteps(steps[..<split], on: &state) { return early }
        guard let lock else { return try await finish(state) }
        let rest = steps[split...]
        return try await locks.withLock(lock.key) { [state, finish] in
            var held = state
            if let early = try await runSteps(rest, on: &held) { return early }
            return try await finish(held)
        }
    }

    private func runSteps(_ steps: ArraySlice<Step>, on state: inout State) async throws -> Result? {
        for step in steps {
            if case .done(let result) = try await step.perform(&state) { return result }
        }
        return nil
    }
}

/// What a step tells the executor: carry on, or the operation is over with this result.
enum StepOutcome<Result: Sendable>: Sendable {
    case next
    case done(Result)
}

/// The state of a plan that needs none.
struct NoState: Sendable {}
