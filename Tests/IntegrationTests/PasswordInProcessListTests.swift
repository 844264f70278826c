import Foundation
import Testing
import TestSupport

/// A password on the command line is blanked in the process's own argv, so `ps` and
/// /proc/PID/cmdline stop showing it while the command runs.
@Suite("Command-line passwords leave the process list") struct PasswordInProcessListTests {
    @Test(arguments: [["-a", "canary-pw-1"], ["--pass", "canary-pw-1"], ["-u", "rediss://default:canary-pw-1@127.0.0.1:PORT"]])
    func passwordIsBlankedWhileTheCommandRuns(flags: [String]) throws {
        let certificates = try TestCertificates.shared()
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates), password: "canary-pw-1"))
        defer { server.stop() }
        let port = String(try #require(server.tlsPort))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try BinaryLocator.redisConsole())
        process.arguments = ["--tls", "--cacert", certificates.caCertificate, "-p", port, "--no-auth-warning"]
            + flags.map { $0.replacingOccurrences(of: "PORT", with: port) } + ["BLPOP", "nothing-here", "2"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.runWithDefaultSignalMask()
        defer { process.terminate(); process.waitUntilExit() }

        // The blocking command keeps the process alive; once it is connected, argv is scrubbed.
        var commandLine = ""
        for _ in 0..<40 {
            Thread.sleep(forTimeInterval: 0.1)
            let raw = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(process.processIdentifier)/cmdline"))) ?? Data()
            commandLine = String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
            if commandLine.contains("******") { break }
        }
        #expect(commandLine.contains("BLPOP nothing-here 2"), "\(commandLine)")
        #expect(!commandLine.contains("canary-pw-1"), "\(commandLine)")
        #expect(commandLine.contains("***********"))
    }
}
