import Foundation

/// Peak resident set size (`VmHWM` in /proc/<pid>/status), in MiB.
enum PeakMemory {
    /// This process's peak.
    static func megabytes() -> Double { read("/proc/self/status", key: "VmHWM:") }

    /// A running child's peak.
    static func megabytes(pid: Int32) -> Double { read("/proc/\(pid)/status", key: "VmHWM:") }

    /// This process's resident memory now (`VmRSS`), in MiB.
    static func currentMegabytes() -> Double { read("/proc/self/status", key: "VmRSS:") }

    private static func read(_ file: String, key: String) -> Double {
        guard let status = try? String(contentsOfFile: file, encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(key) {
            let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kilobytes / 1024
        }
        return 0
    }
}
