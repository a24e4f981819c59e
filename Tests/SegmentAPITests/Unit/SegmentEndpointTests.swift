import Foundation
import Testing

@testable import SegmentAPI

@Suite struct SegmentEndpointTests {
    @Test func regionsMapToTheirHosts() throws {
        #expect(try SegmentEndpoint.resolve(region: .us).absoluteString == "https://api.segmentapis.com")
        #expect(try SegmentEndpoint.resolve(region: .eu).absoluteString == "https://eu1.api.segmentapis.com")
        #expect(try SegmentEndpoint.resolve().absoluteString == "https://api.segmentapis.com")
    }

    @Test func explicitURLWinsOverRegion() throws {
        let url = try SegmentEndpoint.resolve(region: .eu, baseURL: "https://proxy.example.com/segment")
        #expect(url.absoluteString == "https://proxy.example.com/segment")
    }

    @Test(arguments: ["http://127.0.0.1:8080", "http://127.1.2.3", "http://localhost:9", "http://[::1]:7000"])
    func plainHTTPIsAllowedForLoopback(_ raw: String) throws {
        #expect(try SegmentEndpoint.resolve(baseURL: raw).absoluteString == raw)
    }

    @Test(arguments: [
        "http://api.segmentapis.com", "http://10.0.0.1", "http://127.0.0.1.evil.com", "ftp://127.0.0.1",
        "not a url", "https://",
    ])
    func otherURLsAreRejectedWithAOneLineError(_ raw: String) {
        #expect(throws: SegmentConfigurationError.self) { try SegmentEndpoint.resolve(baseURL: raw) }
        do {
            _ = try SegmentEndpoint.resolve(baseURL: raw)
        } catch {
            #expect(!"\(error)".contains("\n"))
            #expect("\(error)".contains("base URL"))
        }
    }

    @Test func rootPathIsASingleSlashWhateverTheBase() {
        for base in ["https://api.segmentapis.com", "https://api.segmentapis.com/", "https://api.segmentapis.com//"] {
            #expect(RequestURL.build(base: URL(string: base)!, path: "/", query: []) == "https://api.segmentapis.com/")
        }
        #expect(
            RequestURL.build(base: URL(string: "http://127.0.0.1:1/prefix/")!, path: "/", query: [])
                == "http://127.0.0.1:1/prefix/")
    }

    @Test func configurationRejectsEmptyTokenAndBadSettings() throws {
        let base = URL(string: "https://api.segmentapis.com")!
        #expect(throws: SegmentConfigurationError.emptyToken) {
            try SegmentClient(configuration: SegmentClientConfiguration(token: "  ", baseURL: base))
        }
        var tooBig = SegmentClientConfiguration(token: "t", baseURL: base)
        tooBig.pageSize = 5000
        #expect(throws: SegmentConfigurationError.self) { try SegmentClient(configuration: tooBig) }
        var insecure = SegmentClientConfiguration(token: "t", baseURL: URL(string: "http://example.com")!)
        insecure.pageSize = 10
        #expect(throws: SegmentConfigurationError.self) { try SegmentClient(configuration: insecure) }
    }
}
