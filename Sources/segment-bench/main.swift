// segment-bench: measures a full sync against the simulator (see docs/benchmarks.md).
import ArgumentParser

do {
    let command = try BenchCommand.parse()
    try await command.run()
} catch {
    BenchCommand.exit(withError: error)
}
