/// How a `RunningSimulator` serves its workspace.
public struct SimulatorConfiguration: Sendable {
    /// Bearer token every API request must carry. Never logged or echoed.
    public var token: String = "sim-token"
    public var host: String = "127.0.0.1"
    /// 0 picks a free port.
    public var port: Int = 0
    public var plan: Plan = .business
    /// Added to every API response (not admin routes).
    public var latencyMs: Int = 0
    /// Reads allowed per window per token; nil = unlimited (headers still report a notional limit).
    public var readRatePerMinute: Int? = nil
    /// IAM mutations allowed per window per token; nil = unlimited.
    public var writeRatePerMinute: Int? = nil
    /// Probability (0...1) that an API request gets one of `faults`; drawn from a seeded PRNG.
    public var faultRate: Double = 0.0
    public var faults: [Fault] = []
    /// When on, `GET /users` and `GET /groups` items include `permissions`.
    public var listIncludesPermissions: Bool = false
    /// How long a `timeout` fault holds the response.
    public var timeoutFaultSeconds: Double = 5
    /// Length of the fixed rate-limit window; 60 s like the real API. Tests may shorten it.
    public var rateLimitWindowSeconds: Double = 60
    /// Seed of the PRNG that decides random faults, so a fault run can be replayed.
    public var faultSeed: UInt64 = 0x5EED

    public init(
        token: String = "sim-token", host: String = "127.0.0.1", port: Int = 0, plan: Plan = .business,
        latencyMs: Int = 0, readRatePerMinute: Int? = nil, writeRatePerMinute: Int? = nil,
        faultRate: Double = 0.0, faults: [Fault] = [], listIncludesPermissions: Bool = false,
        timeoutFaultSeconds: Double = 5
    ) {
        self.token = token
        self.host = host
        self.port = port
        self.plan = plan
        self.latencyMs = latencyMs
        self.readRatePerMinute = readRatePerMinute
        self.writeRatePerMinute = writeRatePerMinute
        self.faultRate = faultRate
        self.faults = faults
        self.listIncludesPermissions = listIncludesPermissions
        self.timeoutFaultSeconds = timeoutFaultSeconds
    }
}
