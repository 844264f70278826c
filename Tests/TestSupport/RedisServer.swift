import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A real `redis-server` process for integration tests, configured through a generated config
/// file in its own temporary directory, on free loopback ports. It is stopped by pid in `stop()`
/// and in `deinit`, so it dies even when a test fails; a small watchdog also kills it if the
/// test process itself dies.
///
///     let certs = try TestCertificates.shared()
///     let server = try RedisServer(.init(tls: .using(certs), password: "secret"))
///     // ... connect to 127.0.0.1:server.tlsPort! ...
///     server.stop()
public final class RedisServer: Sendable {
    /// The `tls-auth-clients` setting.
    public enum ClientAuthentication: String, Sendable {
        case no, yes, optional
    }

    /// The TLS listener's settings.
    public struct TLS: Sendable {
        /// The server's certificate and key (a broken one for negative tests).
        public var certificate: CertificatePair
        /// CA used to verify client certificates (`tls-ca-cert-file`).
        public var caCertificate: String
        public var authClients: ClientAuthentication
        /// `tls-protocols`, e.g. "TLSv1.2 TLSv1.3"; nil keeps redis' default.
        public var protocols: String?

        public init(certificate: CertificatePair, caCertificate: String,
                    authClients: ClientAuthentication = .no, protocols: String? = nil) {
            self.certificate = certificate
            self.caCertificate = caCertificate
            self.authClients = authClients
            self.protocols = protocols
        }

        /// TLS with one of the generated server certificates; clients are verified against ca.crt.
        public static func using(_ certificates: TestCertificates,
                                 server: TestCertificates.Server = .good,
                                 authClients: ClientAuthentication = .no,
                                 protocols: String? = nil) -> TLS {
            TLS(certificate: certificates.server(server), caCertificate: certificates.caCertificate,
                authClients: authClients, protocols: protocols)
        }
    }

    /// An ACL user: `user NAME on >PASSWORD RULES`.
    public struct User: Sendable {
        public var name: String
        public var password: String
        public var rules: String

        public init(_ name: String, password: String, rules: String = "~* &* +@all") {
            self.name = name
            self.password = password
            self.rules = rules
        }
    }

    public struct Options: Sendable {
        /// Open a plaintext port (`port N`); false means `port 0` (TLS only).
        public var plaintext: Bool
        public var tls: TLS?
        /// `requirepass` for the default user.
        public var password: String?
        public var users: [User]
        /// `enable-debug-command yes`, for DEBUG SLEEP in timeout tests.
        public var enableDebugCommand: Bool
        /// Also listen on ::1 when this machine has IPv6.
        public var bindIPv6: Bool
        /// Extra config lines appended verbatim.
        public var extraConfig: [String]
        public var startTimeout: Duration

        public init(plaintext: Bool = true, tls: TLS? = nil, password: String? = nil,
                    users: [User] = [], enableDebugCommand: Bool = true, bindIPv6: Bool = true,
                    extraConfig: [String] = [], startTimeout: Duration = .seconds(15)) {
            self.plaintext = plaintext
            self.tls = tls
            self.password = password
            self.users = users
            self.enableDebugCommand = enableDebugCommand
            self.bindIPv6 = bindIPv6
            self.extraConfig = extraConfig
            self.startTimeout = startTimeout
        }
    }

    public let options: Options
    /// Always 127.0.0.1; `ipv6` says whether ::1 is served too.
    public let host = "127.0.0.1"
    /// Plaintext port, nil when the server is TLS-only.
    public let port: Int?
    public let tlsPort: Int?
    public let ipv6: Bool
    /// The server's private directory: redis.conf, redis.log, stdout.log.
    public let directory: String
    public var configPath: String { directory + "/redis.conf" }
    public var logPath: String { directory + "/redis.log" }

    private struct Running: @unchecked Sendable {   // Process is only touched under the lock or after removal
        var process: Process
        var watchdog: Process?
    }
    private let running: Mutex<Running?>

    /// Starts the server and returns once it accepts connections on every port.
    /// Throws (failing the test) if redis-server is missing or does not start.
    public init(_ options: Options = Options()) throws {
        guard let executable = ProcessRunner.which("redis-server") else {
            throw TestSupportError("""
                redis-server not found on PATH: the integration tests need a real server \
                (Debian: apt-get install redis-server, or run `make deps`)
                """)
        }
        let ipv6 = options.bindIPv6 && FreePort.ipv6Available
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("redis-console-server-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

        // A port found free can be taken before redis binds it: retry with fresh ports.
        var attempt = 0
        while true {
            attempt += 1
            let port = options.plaintext ? try FreePort.next() : nil
            let tlsPort = options.tls != nil ? try FreePort.next() : nil
            let config = Self.config(options, directory: directory, port: port, tlsPort: tlsPort, ipv6: ipv6)
            try config.write(toFile: directory + "/redis.conf", atomically: true, encoding: .utf8)
            do {
                let launched = try Self.launch(executable: executable, directory: directory,
                                               ports: [port, tlsPort].compactMap { $0 }, ipv6: ipv6,
                                               timeout: options.startTimeout)
                self.options = options
                self.port = port
                self.tlsPort = tlsPort
                self.ipv6 = ipv6
                self.directory = directory
                self.running = Mutex(launched)
                return
            } catch let error as StartFailure where error.addressInUse && attempt < 5 {
                continue
            } catch let error as StartFailure {
                throw TestSupportError(error.message)
            }
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The process id while running.
    public var pid: Int32? {
        running.withLock { $0?.process.processIdentifier }
    }

    public var isRunning: Bool {
        running.withLock { $0?.process.isRunning ?? false }
    }

    /// redis.log plus anything redis printed before it opened its log file.
    public var log: String {
        Self.readLog(directory)
    }

    /// SIGTERM, then SIGKILL after 3 s; returns once the process has been reaped.
    /// Safe to call twice.
    public func stop() {
        let stopped = running.withLock { state -> Running? in
            let current = state
            state = nil
            return current
        }
        guard let stopped else { return }
        Self.terminate(stopped.process)
        if let watchdog = stopped.watchdog {
            Self.terminate(watchdog, grace: .seconds(1))
        }
    }

    /// Stops the server and starts it again with the same config and ports (fault tests).
    public func restart() throws {
        stop()
        guard let executable = ProcessRunner.which("redis-server") else {
            throw TestSupportError("redis-server not found on PATH")
        }
        // The old listening sockets are gone once the process is reaped; retry briefly anyway.
        let deadline = ContinuousClock.now + .seconds(5)
        while true {
            do {
                let launched = try Self.launch(executable: executable, directory: directory,
                                               ports: [port, tlsPort].compactMap { $0 }, ipv6: ipv6,
                                               timeout: options.startTimeout)
                running.withLock { $0 = launched }
                return
            } catch let error as StartFailure where error.addressInUse && ContinuousClock.now < deadline {
                usleep(100_000)
            } catch let error as StartFailure {
                throw TestSupportError(error.message)
            }
        }
    }

    // MARK: - Config

    /// redis.conf quoting: double quotes, with backslash and quote escaped.
    private static func quote(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func config(_ options: Options, directory: String, port: Int?, tlsPort: Int?, ipv6: Bool) -> String {
        var lines = [
            "# Generated by TestSupport.RedisServer for one test.",
            "daemonize no",
            ipv6 ? "bind 127.0.0.1 ::1" : "bind 127.0.0.1",
            "protected-mode no",
            "port \(port ?? 0)",
            "dir \(quote(directory))",
            "logfile \(quote(directory + "/redis.log"))",
            "loglevel notice",
            "save \"\"",
            "appendonly no",
            "enable-debug-command \(options.enableDebugCommand ? "yes" : "no")",
        ]
        if let tls = options.tls, let tlsPort {
            lines += [
                "tls-port \(tlsPort)",
                "tls-cert-file \(quote(tls.certificate.certificate))",
                "tls-key-file \(quote(tls.certificate.key))",
                "tls-ca-cert-file \(quote(tls.caCertificate))",
                "tls-auth-clients \(tls.authClients.rawValue)",
            ]
            if let protocols = tls.protocols {
                lines.append("tls-protocols \(quote(protocols))")
            }
        }
        if let password = options.password {
            lines.append("requirepass \(quote(password))")
        }
        for user in options.users {
            lines.append("user \(user.name) on \(quote(">" + user.password)) \(user.rules)")
        }
        lines += options.extraConfig
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Process control

    private struct StartFailure: Error {
        var message: String
        var addressInUse: Bool
    }

    private static let readyMarker = "Ready to accept connections"

    private static func readLog(_ directory: String) -> String {
        let log = (try? String(contentsOfFile: directory + "/redis.log", encoding: .utf8)) ?? ""
        let early = (try? String(contentsOfFile: directory + "/stdout.log", encoding: .utf8)) ?? ""
        return early.isEmpty ? log : log + "\n--- stdout/stderr ---\n" + early
    }

    private static func logSize(_ directory: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: directory + "/redis.log"))?[.size] as? Int) ?? 0
    }

    /// Starts redis-server on `directory/redis.conf` and waits until the log says it is ready and
    /// every port accepts a TCP connection.
    private static func launch(executable: String, directory: String, ports: [Int], ipv6: Bool,
                               timeout: Duration) throws -> Running {
        let logOffset = logSize(directory)
        let stdoutPath = directory + "/stdout.log"
        if !FileManager.default.fileExists(atPath: stdoutPath) {
            _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        }
        guard let output = FileHandle(forWritingAtPath: stdoutPath) else {
            throw StartFailure(message: "cannot open \(stdoutPath)", addressInUse: false)
        }
        defer { try? output.close() }
        _ = try? output.seekToEnd()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [directory + "/redis.conf"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        do {
            try process.runWithDefaultSignalMask()
        } catch {
            throw StartFailure(message: "cannot run \(executable): \(error)", addressInUse: false)
        }
        let watchdog = startWatchdog(for: process.processIdentifier)

        func failure(_ what: String) -> StartFailure {
            let log = readLog(directory)
            let config = (try? String(contentsOfFile: directory + "/redis.conf", encoding: .utf8)) ?? ""
            return StartFailure(
                message: "redis-server \(what) (ports \(ports.map(String.init).joined(separator: ", "))).\n"
                    + "--- redis.conf ---\n\(config)--- log ---\n\(log)",
                addressInUse: log.contains("Address already in use"))
        }
        func cleanUp() {
            terminate(process)
            if let watchdog {
                terminate(watchdog, grace: .seconds(1))
            }
        }

        let deadline = ContinuousClock.now + timeout
        while true {
            if !process.isRunning {
                let error = failure("exited during startup with status \(process.terminationStatus)")
                cleanUp()
                throw error
            }
            if newLog(directory, from: logOffset).contains(readyMarker),
               ports.allSatisfy({ port in
                   LoopbackSocket.accepts(.ipv4, port: port) && (!ipv6 || LoopbackSocket.accepts(.ipv6, port: port))
               }) {
                return Running(process: process, watchdog: watchdog)
            }
            if ContinuousClock.now >= deadline {
                let error = failure("did not become ready within \(timeout)")
                cleanUp()
                throw error
            }
            usleep(10_000)
        }
    }

    private static func newLog(_ directory: String, from offset: Int) -> String {
        guard let handle = FileHandle(forReadingAtPath: directory + "/redis.log") else { return "" }
        defer { try? handle.close() }
        try? handle.seek(toOffset: UInt64(offset))
        let data = (try? handle.readToEnd()) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// If the test process dies without running deinit (a crash), the server must not live on:
    /// a tiny shell loop kills it once our pid is gone. It exits by itself when redis does.
    private static func startWatchdog(for serverPID: Int32) -> Process? {
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        watchdog.arguments = [
            "-c",
            // `sleep & wait` so SIGTERM (from stop()) ends it at once, sleep included.
            """
            trap 'kill "$s" 2>/dev/null; exit 0' TERM
            while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1 & s=$!; wait "$s"; done
            kill -0 "$1" 2>/dev/null || kill -9 "$2" 2>/dev/null
            exit 0
            """,
            "redis-watchdog", String(getpid()), String(serverPID),
        ]
        watchdog.standardInput = FileHandle.nullDevice
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        return (try? watchdog.runWithDefaultSignalMask()) != nil ? watchdog : nil
    }

    /// SIGTERM, wait up to `grace`, then SIGKILL; always reaps the process.
    private static func terminate(_ process: Process, grace: Duration = .seconds(3)) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while process.isRunning && ContinuousClock.now < deadline {
            usleep(5_000)
        }
        if process.isRunning {
            // The child leads its own process group (Foundation): take any helper with it.
            kill(-process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
    }
}
