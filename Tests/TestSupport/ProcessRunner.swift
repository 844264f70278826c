import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a finished child process left behind.
public struct ProcessResult: Sendable {
    /// Exit status, or 128 + signal number when it was killed by a signal (as a shell reports).
    public var status: Int32
    public var stdoutBytes: [UInt8]
    public var stderrBytes: [UInt8]

    public var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    public var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
}

/// Runs a command to completion with a deadline (tests must never hang on a stuck child).
/// Output goes through temporary files, not pipes, so a chatty child can never deadlock us.
public enum ProcessRunner {
    /// Full path of an executable on PATH (or the argument itself if it contains a `/`).
    public static func which(_ name: String) -> String? {
        if name.contains("/") {
            return FileManager.default.isExecutableFile(atPath: name) ? name : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` (a name on PATH or a path) and waits for it.
    /// - environment: extra variables added to (or overriding) this process's environment.
    /// - stdin: bytes fed on standard input; nil means /dev/null.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        stdin: [UInt8]? = nil,
        currentDirectory: String? = nil,
        timeout: Duration = .seconds(30)
    ) throws -> ProcessResult {
        guard let path = which(executable) else {
            throw TestSupportError("\(executable) not found on PATH (\(ProcessInfo.processInfo.environment["PATH"] ?? ""))")
        }
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("redis-console-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let currentDirectory {
            process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory)
        }
        process.standardOutput = outHandle
        process.standardError = errHandle
        var inHandle: FileHandle?
        defer { try? inHandle?.close() }
        if let stdin {
            let inURL = scratch.appendingPathComponent("stdin")
            _ = FileManager.default.createFile(atPath: inURL.path, contents: Data(stdin))
            inHandle = try FileHandle(forReadingFrom: inURL)
            process.standardInput = inHandle
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.runWithDefaultSignalMask()

        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            usleep(5_000)
        }
        var timedOut = false
        if process.isRunning {
            timedOut = true
            // Foundation makes each child a process-group leader: kill the group, so no
            // grandchild keeps Foundation's exit-notification socket open (waitUntilExit would hang).
            kill(-process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let status = process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
        let result = ProcessResult(
            status: status,
            stdoutBytes: Array((try? Data(contentsOf: outURL)) ?? Data()),
            stderrBytes: Array((try? Data(contentsOf: errURL)) ?? Data()))
        if timedOut {
            throw TestSupportError("""
                \(executable) \(arguments.joined(separator: " ")) did not finish within \(timeout); killed.
                stdout: \(result.stdout)
                stderr: \(result.stderr)
                """)
        }
        return result
    }
}
