import ConnCore
import ConsoleUI
import Testing
import TestSupport

/// `COMMAND DOCS` from a real redis-server 7.0.15, over the console's own connection and RESP2
/// decoder (hiredis 0.14), against the built-in table generated from the same server version.
@Suite("COMMAND DOCS from a real redis-server") struct CommandDocsTests {
    /// Alone, these replies nest arrays deeper than hiredis 0.14 parses (8 levels): BITFIELD and
    /// CLIENT 12, BITPOS, GEOSEARCH, GEOSEARCHSTORE and CLIENT|KILL 10, XINFO 9.
    static let tooDeep: Set<String> = ["bitfield", "bitpos", "client", "geosearch", "geosearchstore", "xinfo"]

    /// The whole reply nests 12 levels: the decoder refuses it and the connection is finished.
    /// When the decoder takes deeper replies, replace this with a parse of the full reply.
    @Test func theFullReplyIsTooDeepForTheDecoder() throws {
        let server = try RedisServer()
        defer { server.stop() }
        let connection = try ConnectionFactory(settings: plainSettings(server)).connect()
        let refused = consoleError { _ = try connection.request(["COMMAND", "DOCS"]) }
        #expect(refused?.kind == .protocolError)
        #expect(refused?.message.contains("nested multi bulk replies with depth > 7") == true,
                "\(String(describing: refused))")
    }

    /// Every command and subcommand the server has, asked for one at a time: all but the deep
    /// ones parse (a deep container's other subcommands come in alone), and each agrees with the
    /// built-in table field for field (argument line, summary, since, group, complexity,
    /// subcommands).
    @Test func eachCommandParsesAndAgreesWithTheBuiltInTable() throws {
        let server = try RedisServer()
        defer { server.stop() }
        let factory = try ConnectionFactory(settings: plainSettings(server))
        let connection = try factory.connect()
        guard case .array(let listed) = try connection.request(["COMMAND", "LIST"]) else {
            Issue.record("COMMAND LIST did not return an array")
            return
        }
        // COMMAND LIST names subcommands too ("client|list"): every entry is asked for alone.
        let names = listed.compactMap(\.text).map { $0.lowercased() }.sorted()
        #expect(Set(names) == Set(CommandDocs.builtIn.entries.map { $0.name.lowercased().replacing(" ", with: "|") }))
        let fetcher = DocsFetcher(factory: factory, connection: connection)
        for name in names { try fetcher.ask(name) }
        #expect(fetcher.refused == Self.tooDeep.union(["client|kill"]))
        let fromServer = fetcher.docs

        let builtIn = CommandDocs.builtIn
        let merged = builtIn.merging(fromServer)
        #expect(merged.entries.count == builtIn.entries.count)
        for (server, table) in zip(merged.entries, builtIn.entries) {
            #expect(server.name == table.name)
            #expect(server.params == table.params, "\(server.name)")
            #expect(server.summary == table.summary, "\(server.name)")
            #expect(server.since == table.since, "\(server.name)")
            #expect(server.group == table.group, "\(server.name)")
            #expect(server.complexity == table.complexity, "\(server.name)")
            #expect(server.subcommands.keys.sorted() == table.subcommands.keys.sorted(), "\(server.name)")
        }
        // Parsed from the server, not taken from the table: the argument tree is there.
        #expect(merged.commands["set"]?.arguments?.isEmpty == false)
        #expect(merged.commands["client"]?.subcommands["list"]?.arguments?.isEmpty == false)

        for line in ["SET ", "SET k v ", "GET", "CLIENT LIST ", "client list", "CONFIG GET ", "CONFIG GET x "] {
            #expect(CommandHints.hint(for: line, docs: merged) == CommandHints.hint(for: line, docs: builtIn), "\(line)")
        }
        #expect(CommandHints.hint(for: "SET k v ", docs: merged)?.hasPrefix("[NX|XX] [GET] [EX seconds|") == true)
        #expect(CommandCompletion.complete("client l", docs: merged) == (["CLIENT LIST"], 8))
        #expect(CommandCompletion.complete("config ", docs: merged).candidates == [
            "CONFIG GET", "CONFIG HELP", "CONFIG RESETSTAT", "CONFIG REWRITE", "CONFIG SET",
        ])
        #expect(CommandCompletion.complete("xinfo s", docs: merged).candidates == ["XINFO STREAM"])
    }

    /// Several names in one request parse while the reply stays within 8 levels.
    @Test func severalNamesInOneRequest() throws {
        let server = try RedisServer()
        defer { server.stop() }
        let connection = try ConnectionFactory(settings: plainSettings(server)).connect()
        let reply = try connection.request(["COMMAND", "DOCS", "set", "get", "config", "client|list", "nosuch"])
        let docs = CommandDocs.parse(commandDocsReply: reply)
        #expect(docs.keys.sorted() == ["client|list", "config", "get", "set"])
        #expect(docs["config"]?.subcommands["get"]?.params == "parameter [parameter ...]")
        #expect(docs["client|list"]?.name == "CLIENT LIST")
    }

    /// A user without +command gets NOPERM: nothing parses and the built-in table answers.
    @Test func withoutPermissionTheBuiltInTableAnswers() throws {
        let server = try RedisServer(.init(users: [.init("limited", password: "pw", rules: "~* &* +@all -command")]))
        defer { server.stop() }
        var settings = plainSettings(server, password: "pw")
        settings.username = "limited"
        let reply = try ConnectionFactory(settings: settings).connect().request(["COMMAND", "DOCS", "set"])
        #expect(reply.isError)
        let docs = CommandDocs.builtIn.merging(CommandDocs.parse(commandDocsReply: reply))
        #expect(CommandHints.hint(for: "GET", docs: docs) == " key")
    }
}

/// Asks for one name at a time; a reply too deep for the decoder finishes the connection, so it
/// notes the name and connects again.
private final class DocsFetcher {
    let factory: ConnectionFactory
    var connection: RedisConnection
    var docs: [String: CommandDoc] = [:]
    var refused: Set<String> = []

    init(factory: ConnectionFactory, connection: RedisConnection) {
        self.factory = factory
        self.connection = connection
    }

    func ask(_ name: String) throws {
        let reply: RESPValue
        do {
            reply = try connection.request(["COMMAND", "DOCS", name])
        } catch {
            guard error.kind == .protocolError else { throw error }
            refused.insert(name)
            connection = try factory.connect()
            return
        }
        docs.merge(CommandDocs.parse(commandDocsReply: reply)) { $1 }
    }
}
