import Foundation
import Testing
import TestSupport

/// The interactive console as a person uses it: the built binary in tmux against a real TLS
/// redis-server with a password, keys typed, the screen read back, the history file checked.
@Suite("The REPL under tmux", .serialized) struct ReplEndToEndTests {
    static let password = "repl-canary-7d41c0"
    let certificates: TestCertificates
    let binary: String

    init() throws {
        certificates = try TestCertificates.shared()
        binary = try BinaryLocator.redisConsole()
    }

    func console(_ server: RedisServer, history: String, extra: String = "", then: String = "") throws -> TmuxSession {
        let port = server.tlsPort ?? 0
        return try TmuxSession(
            "env REDISCLI_AUTH=\(Self.password) REDISCONSOLE_HISTFILE=\(history) TERM=xterm LC_ALL=C.UTF-8 "
                + "\(binary) --no-tui --tls --cacert \(certificates.caCertificate) -h 127.0.0.1 -p \(port) \(extra); "
                // A shell reaps the console and prints its status: tmux itself can miss the exit
                // of a pane's own process (libutempter's wait swallows the SIGCHLD).
                + "echo \"[exit $?]\"\(then)")
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "repl-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aWholeSessionAsWithRedisCLI() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates), password: Self.password))
        defer { server.stop() }
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let history = directory + "/history"
        let port = server.tlsPort ?? 0
        let prompt = "127.0.0.1:\(port)>"
        let tmux = try console(server, history: history)
        defer { tmux.stop() }

        try tmux.waitFor(prompt)
        try tmux.type("SET greeting \"hello world\"")
        try tmux.waitFor("OK")
        try tmux.type("GET greeting")
        try tmux.waitFor("\"hello world\"")

        // The prompt follows SELECT and MULTI as redis-cli's does.
        try tmux.type("SELECT 2")
        try tmux.waitFor("127.0.0.1:\(port)[2]>")
        try tmux.type("MULTI")
        try tmux.waitFor("127.0.0.1:\(port)[2](TX)>")
        try tmux.type("INCR n")
        try tmux.waitFor("QUEUED")
        try tmux.type("EXEC")
        try tmux.waitFor("1) (integer) 1")
        try tmux.type("SELECT 0")
        try tmux.waitFor(prompt, count: 3)

        // A stream until Ctrl-C, then the prompt again.
        try tmux.type("SUBSCRIBE news")
        try tmux.waitFor("Reading messages... (press Ctrl-C to quit)")
        let publish = try ProcessRunner.run(binary, ["--tls", "--cacert", certificates.caCertificate, "-p", "\(port)",
                                                     "PUBLISH", "news", "breaking"],
                                            environment: ["REDISCLI_AUTH": Self.password])
        #expect(publish.stdout == "1\n", "\(publish.stderr)")
        try tmux.waitFor("\"breaking\"")
        try tmux.send("C-c")
        try tmux.waitFor(prompt, count: 4)

        // A secret typed at the prompt: recallable now, never in the file.
        try tmux.type("AUTH \(Self.password)")
        try tmux.waitFor("OK", count: 3)
        try tmux.type("ECHO \(Self.password)")
        try tmux.waitFor("\"\(Self.password)\"")

        // A slow command shows its time; Ctrl-C cancels a blocked one and says what that means.
        try tmux.type("BLPOP nothing 0.6")
        // The time, e.g. (0.61s); a busy machine may show (0.70s): any time after the (nil).
        try tmux.waitUntil("the BLPOP's time") { $0.range(of: #"\(nil\)\n\([01]\.\d\ds\)"#, options: .regularExpression) != nil }
        try tmux.type("BLPOP nothing 0")
        usleep(400_000)
        try tmux.send("C-c")
        try tmux.waitFor("BLPOP was cancelled after it was sent")
        try tmux.type("connect 127.0.0.1 \(port)")
        try tmux.type("ECHO reconnected")
        try tmux.waitFor("\"reconnected\"")

        // The server restarts under the session: the next command simply works.
        try server.restart()
        try tmux.type("PING")
        try tmux.waitFor("PONG")
        try tmux.type(":pool")
        try tmux.waitFor("in use")
        try tmux.waitForLastLine(startingWith: prompt)
        try tmux.send("C-d")
        try tmux.waitFor("[exit 0]")

        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains("SET greeting \"hello world\""))
        #expect(saved.contains("SUBSCRIBE news"))
        #expect(saved.contains("PING"))
        #expect(!saved.contains(Self.password), "the history file holds the password:\n\(saved)")
        #expect(!saved.contains("AUTH"))
        let mode = try FileManager.default.attributesOfItem(atPath: history)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func sigtermWhileEditingRestoresTheTerminal() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates), password: Self.password))
        defer { server.stop() }
        let tmux = try console(server, history: "/dev/null", then: "; echo \"[on $(stty -a | tr ' ;' '\\n\\n' | grep -c -x -E 'icanon|isig|echo')]\"")
        defer { tmux.stop() }
        try tmux.waitFor("127.0.0.1:\(server.tlsPort ?? 0)>")
        try tmux.send("-l", "SET half")
        usleep(300_000)
        let children = try ProcessRunner.run("pgrep", ["-P", "\(try tmux.panePID())"]).stdout
        let consolePID = try #require(Int32(children.split(separator: "\n").first ?? ""))
        kill(consolePID, SIGTERM)
        // The shell then prints how many of icanon, isig and echo are back on: all three.
        try tmux.waitFor("[exit 143]")
        let screen = try tmux.waitFor("[on ")
        #expect(screen.contains("[on 3]"), "\(screen)")
    }

    @Test func aServerThatIsDownGivesNotConnectedThenRecovers() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates), password: Self.password))
        defer { server.stop() }
        server.stop()
        let port = server.tlsPort ?? 0
        let tmux = try console(server, history: "/dev/null", extra: "--retries 0")
        defer { tmux.stop() }
        try tmux.waitFor("not connected>")
        try server.restart()
        try tmux.type("PING")
        try tmux.waitFor("PONG")
        try tmux.waitFor("127.0.0.1:\(port)>")
    }

    @Test func productionAsksBeforeFlushallAndReadOnlyRefusesWrites() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates), password: Self.password))
        defer { server.stop() }
        let port = server.tlsPort ?? 0
        let tmux = try console(server, history: "/dev/null", extra: "--profile production")
        defer { tmux.stop() }
        try tmux.waitFor("127.0.0.1:\(port)>")
        try tmux.type("SET keep me")
        try tmux.waitFor("OK")
        try tmux.type("FLUSHALL")
        try tmux.waitFor("Type ")
        try tmux.type("no")
        try tmux.waitFor("Not run.")
        try tmux.type("GET keep")
        try tmux.waitFor("\"me\"")

        let readOnly = try console(server, history: "/dev/null", extra: "--read-only")
        defer { readOnly.stop() }
        try readOnly.waitFor("127.0.0.1:\(port)>")
        try readOnly.type("DEL keep")
        try readOnly.waitFor("--read-only")
        try readOnly.type("GET keep")
        try readOnly.waitFor("\"me\"")
    }
}
