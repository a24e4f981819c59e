import BatonKit
import Foundation
import Logging
import Testing

private final class Lines: @unchecked Sendable {  // lock-protected capture buffer for a test sink
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.lock(); stored.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}

@Suite struct LoggingTests {
    @Test func jsonLineShape() throws {
        let lines = Lines()
        let sink = LogSink { lines.append($0) }
        var logger = BatonLogHandler.logger(label: "t", format: .json, level: .info, sink: sink)
        logger[metadataKey: "sync_id"] = "abc"
        logger.info("synced grants", metadata: ["count": .stringConvertible(12)])
        logger.debug("hidden at info")
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(line.hasSuffix("\n"))
        #expect(line.hasPrefix("{\"level\":\"info\",\"ts\":"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "info")
        #expect(object["ts"] is Double || object["ts"] is NSNumber)
        #expect((object["caller"] as? String)?.hasPrefix("LoggingTests.swift:") == true)
        #expect(object["msg"] as? String == "synced grants")
        #expect(object["count"] as? String == "12")
        #expect(object["sync_id"] as? String == "abc")
        let keys = ["level", "ts", "caller", "msg"].map { line.range(of: "\"\($0)\":")!.lowerBound }
        #expect(keys == keys.sorted())
    }

    @Test func warnLevelAndConsoleFormat() throws {
        let lines = Lines()
        let logger = BatonLogHandler.logger(label: "t", format: .console, level: .warning, sink: LogSink { lines.append($0) })
        logger.info("dropped")
        logger.warning("careful", metadata: ["k": "v"])
        let fields = try #require(lines.all.first).dropLast().split(separator: "\t")
        #expect(lines.all.count == 1)
        #expect(fields[1] == "WARN")
        #expect(fields[3] == "careful")
        #expect(fields[4] == "{\"k\":\"v\"}")
    }

    @Test func secretsNeverReachTheLog() throws {
        let lines = Lines()
        let sink = LogSink { lines.append($0) }
        var config = BatonConfiguration()
        config.action = .service(clientId: "c@h/x", clientSecret: Secret("client-secret-value"))
        let token = Secret("api-token-value")
        let sinkLogger = BatonLogHandler.logger(label: "t", format: .json, sink: sink)
        sink.redact(token.value)
        sink.redact("client-secret-value")
        sinkLogger.info("calling with api-token-value", metadata: ["secret": "\(token)", "raw": "client-secret-value"])
        sinkLogger.error("config \(config)")
        let text = lines.all.joined()
        #expect(!text.contains("api-token-value"))
        #expect(!text.contains("client-secret-value"))
        #expect(text.contains("[REDACTED]"))
    }
}
