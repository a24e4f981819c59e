import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1

/// Answers as the modes say, else forwards to the upstream.
struct HostileResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let modes: [HostileMode]
    let upstream: String?
    let log: RequestLog
    /// Its own client for forwarding, shut down with the stand-in, so no forwarded request can
    /// still be connecting to the upstream when the upstream is shut down after it.
    let forwarder: HTTPClient

    func respond(to request: Request, context: Context) async throws -> Response {
        let target = request.uri.description
        await log.record(RecordedRequest(method: request.method.rawValue, target: target))
        let path = request.uri.path
        let hasCursor = request.uri.queryParameters["pagination.cursor"] != nil
        guard let mode = modes.first(where: { $0.matches(path: path) }) else {
            return try await forward(request)
        }
        switch mode {
        case .trickle(_, let body, let interval):
            let bytes = Array(body.utf8)
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(contentLength: bytes.count) { writer in
                    for byte in bytes {
                        try await writer.write(ByteBuffer(bytes: [byte]))
                        try await Task.sleep(for: interval)
                    }
                    try await writer.finish(nil)
                })
        case .endlessCursor(_, let key, let total):
            let page = Int(request.uri.queryParameters["pagination.cursor"].map(String.init)?.dropFirst() ?? "0") ?? 0
            let totals = total.map { #","totalEntries":\#($0)"# } ?? ""
            return json(200, #"{"data":{"\#(key)":[],"pagination":{"current":"p\#(page)","next":"p\#(page + 1)"\#(totals)}}}"#)
        case .oversized(_, let count):
            let padding = String(repeating: " ", count: max(0, count - 2))
            return json(200, "\"\(padding)\"")
        case .redirect(_, let location):
            return Response(status: .found, headers: [.location: location])
        case .respond(_, let status, let body, let headers):
            var response = json(status, body)
            for (name, value) in headers { if let field = HTTPFields.Element.Name(name) { response.headers[field] = value } }
            return response
        case .retryAfter(_, let seconds):
            var response = json(429, #"{"errors":[{"type":"RequestError","message":"Too many requests"}]}"#)
            response.headers[.retryAfter] = String(seconds)
            return response
        case .farFutureReset(_, let seconds, let body):
            var response: Response
            if let body { response = json(200, body) } else { response = try await forward(request) }
            response.headers[HTTPFields.Element.Name("X-RateLimit-Remaining")!] = "0"
            response.headers[HTTPFields.Element.Name("X-RateLimit-Reset")!] = Self.httpDate(Date().addingTimeInterval(Double(seconds)))
            return response
        case .dotSegmentIds(_, let key, let id):
            let (status, body) = try await fetch(request)
            return json(status, Self.replacingIds(in: body, key: key, with: id))
        case .planGateOnLaterPage:
            guard hasCursor else { return try await forward(request) }
            return json(400, #"{"errors":[{"type":"RequestError","message":"Your plan does not include this feature"}]}"#)
        }
    }

    private func json(_ status: Int, _ body: String) -> Response {
        Response(
            status: .init(code: status), headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    private func forward(_ request: Request) async throws -> Response {
        let (status, body) = try await fetch(request)
        return Response(
            status: .init(code: status), headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The upstream's status and body for `request` (404 when there is no upstream).
    private func fetch(_ request: Request) async throws -> (Int, [UInt8]) {
        guard let upstream else {
            return (404, Array(#"{"errors":[{"type":"NotFound","message":"no such route on the stand-in"}]}"#.utf8))
        }
        var outgoing = HTTPClientRequest(url: upstream + request.uri.description)
        outgoing.method = .RAW(value: request.method.rawValue)
        if let authorization = request.headers[.authorization] { outgoing.headers.add(name: "Authorization", value: authorization) }
        outgoing.headers.add(name: "Content-Type", value: "application/json")
        var request = request
        let body = try await request.collectBody(upTo: 16 * 1024 * 1024)
        if body.readableBytes > 0 { outgoing.body = .bytes(body) }
        let response = try await forwarder.execute(outgoing, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 256 * 1024 * 1024)
        return (Int(response.status.code), Array(buffer: bytes))
    }

    /// `body` with `"id"` of every object in `data.<key>` set to `id`.
    static func replacingIds(in body: [UInt8], key: String, with id: String) -> String {
        guard var object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            var data = object["data"] as? [String: Any], let items = data[key] as? [[String: Any]]
        else {
            return String(decoding: body, as: UTF8.self)
        }
        data[key] = items.map { item in
            var item = item; item["id"] = id; return item
        }
        object["data"] = data
        let encoded = (try? JSONSerialization.data(withJSONObject: object)) ?? Data(body)
        return String(decoding: encoded, as: UTF8.self)
    }

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}

/// Every request the stand-in received, in order.
actor RequestLog {
    private(set) var requests: [RecordedRequest] = []
    func record(_ request: RecordedRequest) { requests.append(request) }
}
