import Foundation
import Testing
import TestSupport

/// The two programs the end-to-end tests compare.
enum Client: String, CaseIterable, Sendable {
    case redisCLI = "redis-cli"
    case redisConsole = "redis-console"
}

/// Where a client's stdout goes, and which redis-cli output flag it gets.
enum OutputMode: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// stdout is a pipe: raw output, chosen by the client itself.
    case raw
    /// stdout is a pseudo-terminal: the formatted (tty) output, chosen by the client itself.
    case tty
    /// `--raw` although stdout is a terminal.
    case forcedRaw
    /// `--no-raw` although stdout is a pipe.
    case noRaw
    /// `--csv` on a pipe.
    case csv
    /// `--json` on a pipe.
    case json
    /// `--quoted-json` on a pipe.
    case quotedJSON

    var flags: [String] {
        switch self {
        case .raw, .tty: []
        case .forcedRaw: ["--raw"]
        case .noRaw: ["--no-raw"]
        case .csv: ["--csv"]
        case .json: ["--json"]
        case .quotedJSON: ["--quoted-json"]
        }
    }

    var onTerminal: Bool { self == .tty || self == .forcedRaw }

    var isJSON: Bool { self == .json || self == .quotedJSON }

    var testDescription: String {
        switch self {
        case .raw: "raw (stdout a pipe)"
        case .tty: "tty (stdout a pseudo-terminal)"
        case .forcedRaw: "--raw on a pseudo-terminal"
        case .noRaw: "--no-raw on a pipe"
        case .csv: "--csv on a pipe"
        case .json: "--json on a pipe"
        case .quotedJSON: "--quoted-json on a pipe"
        }
    }
}

/// A TLS-only redis-server with a password (given to both clients through REDISCLI_AUTH, never
/// on the command line), seeded with the data the corpus reads, and a way to run either client
/// against it. Stopped in `stop()` and, as a backstop, by RedisServer's deinit.
final class ComparisonServer: Sendable {
    static let password = "e2e-pw-4f1c9a"

    let certificates: TestCertificates
    let server: RedisServer
    let binary: String

    init(seed lines: [String] = ComparisonServer.seed) throws {
        binary = try BinaryLocator.redisConsole()
        certificates = try TestCertificates.shared()
        server = try RedisServer(.init(plaintext: false, tls: .using(certificates), password: Self.password))
        if !lines.isEmpty {
            try load(lines)
        }
    }

    func stop() { server.stop() }

    /// What both clients get in front of the command: TLS verified against the run's CA.
    var connectionArguments: [String] {
        ["--tls", "--cacert", certificates.caCertificate, "-h", server.host, "-p", "\(server.tlsPort ?? 0)"]
    }

    var environment: [String: String] { ["REDISCLI_AUTH": Self.password] }

    func executable(_ client: Client) -> String {
        client == .redisCLI ? "redis-cli" : binary
    }

    /// Runs `client` as a user would: `client [connection flags] [mode flags] ARGS`.
    /// - stdin: bytes on stdin (in terminal mode they come from a file while stdout stays on
    ///   the terminal); nil is /dev/null on a pipe, the terminal itself under a pty.
    func run(_ client: Client, _ arguments: [String], mode: OutputMode = .raw,
             stdin: [UInt8]? = nil) throws -> ProcessResult {
        let argv = connectionArguments + mode.flags + arguments
        if mode.onTerminal {
            var stdinFile: String?
            if let stdin {
                let url = FileManager.default.temporaryDirectory
                    .appendingPathComponent("redis-console-e2e-stdin-\(UUID().uuidString)")
                try Data(stdin).write(to: url)
                stdinFile = url.path
            }
            defer { if let stdinFile { try? FileManager.default.removeItem(atPath: stdinFile) } }
            return try TerminalRunner.run(executable(client), argv, environment: environment, stdinFile: stdinFile)
        }
        return try ProcessRunner.run(executable(client), argv, environment: environment, stdin: stdin,
                                     timeout: .seconds(20))
    }

    /// Pipes redis-cli-quoted lines into redis-cli and requires that none was refused.
    func load(_ lines: [String]) throws {
        let result = try run(.redisCLI, [], stdin: Array((lines.joined(separator: "\n") + "\n").utf8))
        guard result.status == 0, !result.stdout.contains("ERR"), !result.stdout.contains("WRONGTYPE"),
              result.stderr.isEmpty else {
            throw TestSupportError("seeding the server failed (exit \(result.status)):\n\(result.stdout)\(result.stderr)")
        }
    }

    /// The keys the corpus reads. Nothing has a TTL (INFO keyspace's avg_ttl would drift), and
    /// no test adds or removes a key, even for a moment: the tests share one server and run in
    /// parallel, and DBSIZE, SCAN (whose order changes when a key is re-added) and INFO keyspace
    /// must print the same for both clients. Keys that tests write exist from the start.
    static let seed: [String] = [
        #"SET str hello"#,
        #"SET num 42"#,
        // Every byte class redis-cli escapes: NUL, controls with and without a short escape,
        // quote, backslash, space, DEL, a lone 0x80, UTF-8 é, 0xff.
        #"SET binary "\x00\x01\a\b\t\n\r\x1b\"\\ '\x7f\x80\xc3\xa9\xff~end""#,
        #"SET spaced "two words""#,
        #"SET empty """#,
        #"SET counter:raw 0"#,
        #"SET counter:tty 0"#,
        #"SET xkey placeholder"#,
        // Written by the piped-stdin lines; created here so every run sees the same key count.
        #"SET pipedbin placeholder"#,
        #"SET single placeholder"#,
        #"RPUSH list a "b c" """#,
        #"RPUSH list12 1 2 3 4 5 6 7 8 9 10 11 12"#,
        #"HSET hash f1 v1 f2 "v 2" f3 "\xe2\x82\xac""#,
        #"SADD oneset only"#,
        #"ZADD zs 1 one 2.5 two -3 three"#,
    ]
}

/// One seeded `ComparisonServer` for a whole suite: started before its first test, stopped after
/// its last, reached through `SharedComparisonServer.current`.
struct SharedComparisonServer: SuiteTrait, TestScoping {
    @TaskLocal static var current: ComparisonServer?
    var seed = ComparisonServer.seed

    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        let server = try ComparisonServer(seed: seed)
        defer { server.stop() }
        try await Self.$current.withValue(server) {
            try await function()
        }
    }

    /// The suite's server; fails the test if the suite has none.
    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> ComparisonServer {
        try #require(current, "the suite needs the .sharedComparisonServer trait", sourceLocation: sourceLocation)
    }
}

extension Trait where Self == SharedComparisonServer {
    static var sharedComparisonServer: Self { Self() }

    /// A suite's own server, seeded with `seed` instead of the reply corpus' keys.
    static func sharedComparisonServer(seed: [String]) -> Self { Self(seed: seed) }
}

/// redis-cli's REPL quoting for one argument: always double quotes, `\"` and `\\`, and every
/// byte outside printable ASCII as `\xHH` (sdssplitargs reads all of these back exactly).
func redisCLIQuoted(_ argument: String) -> String {
    var line = "\""
    for byte in argument.utf8 {
        switch byte {
        case UInt8(ascii: "\""): line += "\\\""
        case UInt8(ascii: "\\"): line += "\\\\"
        case 0x20...0x7e: line.append(Character(Unicode.Scalar(byte)))
        default: line += String(format: "\\x%02x", byte)
        }
    }
    return line + "\""
}

/// Records one issue per way the two runs differ (stdout bytes, stderr bytes, exit status),
/// each with both outputs in escaped text and hex.
/// Returns true when they are identical.
@discardableResult
func expectSameOutput(_ label: String, cli: ProcessResult, console: ProcessResult,
                      compareStderr: Bool = true,
                      sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    var same = true
    if cli.stdoutBytes != console.stdoutBytes {
        same = false
        Issue.record("""
            stdout differs for \(label)
            \(Bytes.diff(cli.stdoutBytes, console.stdoutBytes))
            redis-console stderr: \(console.stderr)
            """, sourceLocation: sourceLocation)
    }
    if compareStderr, cli.stderrBytes != console.stderrBytes {
        same = false
        Issue.record("""
            stderr differs for \(label)
            \(Bytes.diff(cli.stderrBytes, console.stderrBytes))
            """, sourceLocation: sourceLocation)
    }
    if cli.status != console.status {
        same = false
        Issue.record("""
            exit status differs for \(label): redis-cli \(cli.status), redis-console \(console.status)
            redis-cli stdout: "\(Bytes.escaped(cli.stdoutBytes))" stderr: "\(Bytes.escaped(cli.stderrBytes))"
            redis-console stdout: "\(Bytes.escaped(console.stdoutBytes))" stderr: "\(Bytes.escaped(console.stderrBytes))"
            """, sourceLocation: sourceLocation)
    }
    return same
}

/// A command line as a readable label: `GET "bin\x00"`.
func label(_ arguments: [String], _ extra: String = "") -> String {
    let words = arguments.map { argument -> String in
        let plain = !argument.isEmpty && argument.utf8.allSatisfy { (0x21...0x7e).contains($0) && $0 != 0x22 && $0 != 0x5c }
        return plain ? argument : redisCLIQuoted(argument)
    }
    return words.joined(separator: " ") + (extra.isEmpty ? "" : " [\(extra)]")
}
