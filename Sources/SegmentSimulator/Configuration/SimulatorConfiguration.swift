/// How a `RunningSimulator` serves its workspace.
package struct SimulatorConfiguration: Sendable {
    /// Bearer token every API request must carry. Never logged or echoed.
    package var token: String = "sim-token"
    package var host: String = "127.0.0.1"
    /// 0 picks a free port.
    package var port: Int = 0
    package var plan: Plan = .business
    /// Features the workspace lacks besides those its plan lacks (`--plan-lacks`).
    package var planLacks: Set<PlanFeature> = []
    /// Every feature the API refuses: the plan's and `planLacks`.
    package var lackedFeatures: Set<PlanFeature> { plan.lackedFeatures.union(planLacks) }
    /// Added to every API response (not admin routes).
    package var latencyMs: Int = 0
    /// Reads allowed per window per token; nil = unlimited (headers still report a notional limit).
    package var readRatePerMinute: Int? = nil
    /// IAM mutations allowed per window per token; nil = unlimited.
    package var writeRatePerMinute: Int? = nil
    /// Probability (0...1) that an API request gets one of `faults`; drawn from a seeded PRNG.
    package var faultRate: Double = 0.0
    package var faults: [Fault] = []
    /// When on, `GET /users` and `GET /groups` items include `permissions`.
    package var listIncludesPermissions: Bool = false
    /// How long a `timeout` fault holds the response.
    package var timeoutFaultSeconds: Double = 5
    /// Length of the fixed rate-limit window; 60 s like the real API. Tests may shorten it.
    package var rateLimitWindowSeconds: Double = 60
    /// Seed of the PRNG that decides random faults, so a fault run can be replayed.
    package var faultSeed: UInt64 = 0x5EED

    package init(
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
