import Foundation
import Testing
import TestSupport

/// The dashboard as a person uses it: the built binary in tmux against a real TLS redis-server,
/// commands typed, every pane read back from the screen, the window resized, the server
/// restarted under it, and the terminal restored on the way out.
@Suite("The dashboard under tmux", .serialized) struct DashboardEndToEndTests {
    static let password = "dash-canary-5e21a9"
    let harness: BinaryAgainstServer
    var certificates: TestCertificates { harness.certificates }
    var binary: String { harness.binary }

    init() throws {
        harness = try BinaryAgainstServer()
    }

    /// The certificate with 20 days left, so the pane must show a warning level, not just "OK".
    func server() throws -> RedisServer {
        try RedisServer(.init(plaintext: false, tls: .using(certificates, server: .expiring20), password: Self.password))
    }

    func dashboard(_ server: RedisServer, extra: String = "", width: Int = 120, height: Int = 40) throws -> TmuxSession {
        try TmuxSession(
            "env REDISCLI_AUTH=\(Self.password) REDISCONSOLE_HISTFILE=/dev/null TERM=xterm-256color LC_ALL=C.UTF-8 "
                + "\(binary) --tls --cacert \(certificates.caCertificate) -h localhost -p \(server.tlsPort ?? 0) \(extra); "
                // The shell stays a moment: tmux drops output still unread when a pane dies, and
                // leaving the alternate screen and the status arrive together.
                + "echo \"[exit $?]\"; sleep 30",
            width: width, height: height)
    }

    func redisConsole(_ server: RedisServer, _ command: String...) throws -> ProcessResult {
        try ProcessRunner.run(binary, ["--tls", "--cacert", certificates.caCertificate, "-p", "\(server.tlsPort ?? 0)"] + command,
                              environment: ["REDISCLI_AUTH": Self.password])
    }

    /// The pane's lines: the rows under `── title` down to the next title row, cut at the
    /// column where the pane starts.
    static func pane(_ title: String, in screen: String) -> String {
        let rows = screen.components(separatedBy: "\n")
        guard let top = rows.firstIndex(where: { $0.contains("── \(title) ") }),
              let column = rows[top].range(of: "── \(title) ").map({ rows[top].distance(from: rows[top].startIndex, to: $0.lowerBound) })
        else { return "" }
        var lines: [String] = []
        for row in rows[(top + 1)...] {
            let characters = Array(row)
            if characters.count <= column { lines.append(""); continue }
            let cell = String(characters[column...]).components(separatedBy: "│").first ?? ""
            if cell.hasPrefix("── ") { break }
            lines.append(cell)
        }
        return lines.joined(separator: "\n")
    }

    @Test func everyPaneShowsLiveValuesWhileTheConsoleWorks() throws {
        let server = try server()
        defer { server.stop() }
        let port = server.tlsPort ?? 0
        let tmux = try dashboard(server, extra: "--retries 20 --retry-base 0.2 --retry-cap 0.4")
        defer { tmux.stop() }

        // Header, and each pane with real values: the server's version, the certificate's days.
        let first = try tmux.waitUntil("the header and a health probe") { $0.contains("OK checked") }
        let header = first.components(separatedBy: "\n")[0]
        #expect(header.contains("localhost:\(port)") && header.contains("connected") && header.contains("TLSv1.3"))
        #expect(header.contains("profile development") && header.contains("user default") && header.contains("db 0"))
        let version = try redisConsole(server, "INFO", "server").stdout
            .components(separatedBy: "\r\n").first { $0.hasPrefix("redis_version:") }?.dropFirst("redis_version:".count) ?? "?"
        #expect(Self.pane("health", in: first).contains("redis \(version)  master"), "\(first)")
        let certificate = Self.pane("certificate", in: first)
        #expect(certificate.contains("CN=localhost"))
        #expect(certificate.contains("days left WARN"), "\(certificate)")
        #expect(certificate.contains("19 days left") || certificate.contains("20 days left"), "\(certificate)")
        #expect(Self.pane("pool", in: first).contains("in use 0/50"))

        // Commands as in the REPL; the latency pane learns each command.
        try tmux.type("SET greeting \"hello world\"")
        try tmux.waitFor("OK")
        try tmux.type("GET greeting")
        try tmux.waitFor("\"hello world\"")
        try tmux.waitUntil("GET in the latency pane") { Self.pane("latency", in: $0).contains("GET ") }

        // A pending BLPOP holds a pooled connection: in use moves to 1, and back when it returns.
        try tmux.type("BLPOP jobs 0")
        try tmux.waitUntil("in use 1 during BLPOP, named on the console rule") {
            Self.pane("pool", in: $0).contains("in use 1/50") && $0.contains("── console ─ running BLPOP")
        }
        _ = try redisConsole(server, "LPUSH", "jobs", "job-1")
        try tmux.waitFor("\"job-1\"")
        try tmux.waitUntil("in use 0 after BLPOP") { Self.pane("pool", in: $0).contains("in use 0/50") }

        // The server goes away under a command and comes back: the retries are in the events pane.
        server.stop()
        try tmux.type("GET greeting")
        try tmux.waitUntil("a retry in the events pane") { Self.pane("events", in: $0).contains("retry 1/20 of GET") }
        try server.restart()
        // The restarted server kept no data (no persistence): the retried GET finds nothing.
        try tmux.waitFor("(nil)", timeout: 15)
        let recovered = try tmux.waitUntil("the success after retries") { Self.pane("events", in: $0).contains("GET succeeded on attempt") }
        #expect(Self.pane("events", in: recovered).contains("could not connect"), "\(recovered)")

        // Keys: F1 help, a pane hidden and shown again, and a page up through the scrollback.
        try tmux.send("F1")
        try tmux.waitUntil("the key help") { $0.contains("Dashboard keys (F1 or Esc closes this)") }
        try tmux.send("Escape")
        try tmux.send("F4")
        try tmux.waitUntil("the certificate pane hidden") { !$0.contains("── certificate ") && $0.contains("── pool ") }
        try tmux.send("F4")
        try tmux.waitUntil("the certificate pane back") { $0.contains("── certificate ") }
        for index in 1...30 { try tmux.type("ECHO line-\(index)") }
        try tmux.waitFor("\"line-30\"")
        try tmux.send("PageUp")
        try tmux.waitUntil("the scrolled marker") { $0.contains("more below: PgDn, End") && !$0.contains("\"line-30\"") }
        try tmux.send("End")
        try tmux.waitUntil("the newest line again") { $0.contains("\"line-30\"") && !$0.contains("more below") }

        // Resized to 80x24 every pane still fits; below that they fold into one status line.
        try tmux.resize(width: 80, height: 24)
        let small = try tmux.waitUntil("the 80x24 layout") { $0.components(separatedBy: "\n").count <= 25 && $0.contains("── events ") }
        for title in ["pool", "health", "certificate", "latency", "events", "console"] {
            #expect(small.contains("── \(title) "), "\(title) missing at 80x24:\n\(small)")
        }
        #expect(small.components(separatedBy: "\n").allSatisfy { $0.count <= 80 })
        try tmux.resize(width: 60, height: 15)
        let folded = try tmux.waitUntil("the folded status line") { $0.contains("pool 0/50 | health OK | cert ") }
        #expect(!folded.contains("── pool "))
        try tmux.resize(width: 120, height: 40)
        try tmux.waitUntil("the full layout again") { $0.contains("── pool ") }

        // quit leaves with status 0 and the terminal back on its main screen.
        try tmux.type("quit")
        let after = try tmux.waitUntil("the exit") { $0.contains("[exit 0]") }
        #expect(!after.contains("── pool "), "\(after)")
        #expect(!after.contains(Self.password))
    }

    @Test func sigtermAndCtrlCRestoreTheTerminal() throws {
        let server = try server()
        defer { server.stop() }
        let tmux = try dashboard(server, width: 100, height: 30)
        defer { tmux.stop() }
        try tmux.waitUntil("the dashboard") { $0.contains("── pool ") && $0.contains("OK checked") }

        // Ctrl-C cancels a streaming SUBSCRIBE and the console goes on.
        try tmux.type("SUBSCRIBE news")
        try tmux.waitUntil("the stream") { $0.contains("streaming SUBSCRIBE") && $0.contains("Reading messages...") }
        #expect(try redisConsole(server, "PUBLISH", "news", "breaking").stdout == "1\n")
        try tmux.waitFor("\"breaking\"")
        try tmux.send("C-c")
        try tmux.waitUntil("the stream stopped") { !$0.contains("streaming SUBSCRIBE") }
        try tmux.type("PING")
        try tmux.waitFor("PONG")

        // A secret typed at the prompt never stays on the screen.
        try tmux.type("AUTH \(Self.password)")
        try tmux.waitFor("(line hidden: it holds the password)")
        try tmux.type("AUTH someone not-the-password")
        try tmux.waitFor("AUTH (arguments hidden: they hold a secret)")
        #expect(!(try tmux.visibleScreen()).contains("not-the-password"))
        #expect(!(try tmux.visibleScreen()).contains(Self.password))

        // SIGTERM from outside: the terminal comes back and the status says why.
        let shell = try tmux.panePID()
        let children = try ProcessRunner.run("pgrep", ["-P", "\(shell)"]).stdout
        let console = try #require(children.split(separator: "\n").compactMap { Int32($0) }.first)
        kill(console, SIGTERM)
        let after = try tmux.waitUntil("the exit on SIGTERM") { $0.contains("[exit 143]") }
        #expect(!after.contains("── pool "), "\(after)")
    }

    @Test func theDashboardReactsToLoadAndToEachFault() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates), password: Self.password))
        defer { server.stop() }
        let tmux = try dashboard(server, extra: "--pool-size 8 --retries 10 --retry-base 0.1 --retry-cap 0.3")
        defer { tmux.stop() }
        try tmux.waitUntil("the dashboard") { $0.contains("── pool ") && $0.contains("OK checked") }

        // More workers than connections: the pool fills and workers queue for it.
        try tmux.type(":load --workers 20 --commands GET,INCR --duration 4")
        try tmux.waitFor("load: 20 workers, GET,INCR, pipeline 1, 4.0 s")
        let loaded = try tmux.waitUntil("a full pool with waiters") { screen in
            let pool = Self.pane("pool", in: screen)
            return pool.contains("in use 8/8") && !pool.contains("waiters 0") && screen.contains("── console ─ load running ")
        }
        #expect(Self.pane("latency", in: loaded).contains("INCR"), "\(loaded)")

        // Each fault shows in the events pane, and the pool replaces what it broke.
        try tmux.type(":fault kill")
        // Busy connections die as errors, idle ones as stale; either way the pool counts them and
        // opens more (the events pane may already have scrolled past the fault under this load).
        try tmux.waitUntil("killed connections replaced") { screen in
            let pool = Self.pane("pool", in: screen)
            return !pool.contains("closed 0 ") && !pool.contains("created 8 ")
        }
        try tmux.type(":fault pause 0.5")
        try tmux.waitUntil("the pause over") { Self.pane("events", in: $0).contains("fault over: pausing the server for 0.5 s") }
        try tmux.type(":fault restart")
        try tmux.waitFor("Error: :fault restart only restarts the local demo server", timeout: 5)  // not make demo's
        try tmux.waitUntil("the end of the run, the pool idle again", timeout: 15) { screen in
            Self.pane("events", in: screen).contains("load done: ") && Self.pane("pool", in: screen).contains("in use 0/8")
        }

        // The counters add up on the server: INCRs the generator sent moved the counters.
        let keys = try redisConsole(server, "--scan", "--pattern", "load:counter:*").stdout
        #expect(!keys.isEmpty, "no load:counter keys on the server")
        try tmux.type("quit")
        try tmux.waitUntil("the exit") { $0.contains("[exit 0]") }
    }
}
