import ConnCore
import ConsoleUI
import Foundation
import Testing
import TestSupport

/// The REPL's dispatch with scripted lines and a captured screen, against a real TLS server.
@Suite("REPL dispatch") struct ReplScriptedTests {
    final class Script: LineSource {
        var lines: [String]
        var remembered: [String] = []
        var prompts: [String] = []
        init(_ lines: [String]) { self.lines = lines }
        func readLine(prompt: String) -> LineInput {
            prompts.append(prompt)
            return lines.isEmpty ? .endOfFile : .line(Array(lines.removeFirst().utf8))
        }
        func remember(_ line: String) { remembered.append(line) }
    }

    final class Screen: OutputSink {
        var text = ""
        func write(_ bytes: [UInt8], to destination: OutputDestination) { text += String(decoding: bytes, as: UTF8.self) }
    }

    func run(_ lines: [String], history: HistoryFile? = nil) throws -> (Script, Screen, Int32) {
        let certificates = try TestCertificates.shared()
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        let loaded = LoadedConfiguration(profile: .development, connection: tlsSettings(server, certificates: certificates),
                                         options: CommandOptions(), provenance: [:], warnings: [], needsPasswordPrompt: false)
        let screen = Screen()
        let events = EventLog()
        let connection = try ReplConnection(settings: loaded.connection, pool: loaded.pool, retry: loaded.retry, events: events)
        defer { connection.shutdown() }
        var options = Repl.Options(configuration: loaded)
        options.historyFile = history
        let script = Script(lines)
        let repl = Repl(connection: connection, lines: script, output: screen, formatter: ReplyFormatter(style: .tty),
                        interrupts: InterruptWatcher(), announcements: ReplAnnouncements(output: screen),
                        docs: ReplCommandDocs(), options: options,
                        reconnect: { settings throws(ConsoleError) in
                            try ReplConnection(settings: settings, pool: loaded.pool, retry: loaded.retry, events: events)
                        })
        return (script, screen, repl.run())
    }

    @Test func repeatsInvalidLinesMetaJSONAndHelp() throws {
        let (script, screen, status) = try run([
            "3 INCR n", "0 GET n", "GET \"unterminated", "", ":pool --json", ":nosuch", "HELP GET", "quit", "PING",
        ])
        #expect(status == 0)
        #expect(screen.text.contains("(integer) 1\n(integer) 2\n(integer) 3\n"))
        #expect(screen.text.contains("Invalid redis-cli repeat command option value.\n"))
        #expect(screen.text.contains("Invalid argument(s)\n"))
        #expect(screen.text.contains("{\"max\":50,"))
        #expect(screen.text.contains(":nosuch"))
        #expect(screen.text.contains("summary:\u{1b}[0m Get the value of a key") || screen.text.contains("Get the value of a key"))
        #expect(!screen.text.contains("PONG"), "quit ends the session")
        #expect(script.remembered.contains("3 INCR n"))
        #expect(script.prompts.allSatisfy { $0.hasPrefix("127.0.0.1:") && $0.hasSuffix("> ") })
    }

    @Test func escapeSequencesFromTheServerNeverReachTheTerminal() throws {
        // Redis echoes an unknown command's name, ESC included, in its error.
        let (_, screen, _) = try run(["\"\\x1b[2J\\x1b]0;owned\\x07FOO\""])
        #expect(!screen.text.utf8.contains(0x1b), "\(screen.text.debugDescription)")
        #expect(screen.text.contains("\\x1b[2J\\x1b]0;owned\\x07FOO"))
    }

    @Test func selectAndMultiChangeThePrompt() throws {
        let (script, _, _) = try run(["SELECT 4", "MULTI", "DISCARD"])
        let shapes = script.prompts.map { $0.drop { $0 != ">" && $0 != "[" && $0 != "(" } }
        #expect(shapes == ["> ", "[4]> ", "[4](TX)> ", "[4]> "])
    }

    @Test func secretsNeverReachTheHistoryFile() throws {
        let directory = NSTemporaryDirectory() + "repl-history-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = HistoryFile(path: directory + "/history")
        let (script, _, _) = try run(["SET a 1", "AUTH hunter2", "ACL GETUSER default", "GET \"open", "GET a"], history: file)
        let saved = file.load().entries.map { String(decoding: $0, as: UTF8.self) }
        #expect(saved == ["SET a 1", "GET a"])
        #expect(script.remembered.contains("AUTH hunter2"), "still recallable in this session")
    }
}
