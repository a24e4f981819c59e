/// Where a ``C1ZWriter``'s time went (the benchmark reports it): SQLite inserts during the load,
/// and the three parts of `finish`. Wall time on the writer, so insert time is one core's work.
public struct C1ZWriterTimings: Sendable, Equatable {
    /// Time in the insert loops (binding, stepping, committing), all tables.
    public var insertSeconds = 0.0
    /// Rows inserted or upserted.
    public var rowsWritten = 0
    /// Building the deferred indexes at finish.
    public var indexSeconds = 0.0
    /// zstd of the sealed image into the temporary output.
    public var compressSeconds = 0.0
    /// Reading the output back and comparing it with the image.
    public var verifySeconds = 0.0

    /// All zero, before the writer has done anything.
    public init() {}
}

extension Duration {
    var c1zSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
