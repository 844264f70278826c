import Testing
@testable import ConnCore

@Suite("Command catalog") struct CommandCatalogTests {
    private func argv(_ words: String) -> [[UInt8]] {
        words.split(separator: " ").map { Array($0.utf8) }
    }

    /// One COMMAND INFO entry in the RESP2 shape, built by hand.
    private func entry(_ name: String, _ flags: [String], subcommands: [RESPValue] = []) -> RESPValue {
        .array([.bulk(name), .integer(-1), .array(flags.map { .simple($0) }), .integer(0), .integer(0),
                .integer(0), .array([]), .array([]), .array([]), .array(subcommands)])
    }

    /// Redis 7.0.15's reply to `COMMAND INFO config xread publish nosuch.cmd get`, captured off
    /// the wire; one RESP line per word.
    private static let capturedReply = """
        *5
        *10 $6 config :-2 *0 :0 :0 :0 *1 +@slow *0 *0 *5 *10 $14 config|rewrite :2 *4 +admin +noscript
        +loading +stale :0 :0 :0 *3 +@admin +@slow +@dangerous *0 *0 *0 *10 $11 config|help :2 *2 +loading
        +stale :0 :0 :0 *1 +@slow *0 *0 *0 *10 $10 config|get :-3 *4 +admin +noscript +loading +stale :0 :0
        :0 *3 +@admin +@slow +@dangerous *0 *0 *0 *10 $16 config|resetstat :2 *4 +admin +noscript +loading
        +stale :0 :0 :0 *3 +@admin +@slow +@dangerous *0 *0 *0 *10 $10 config|set :-4 *4 +admin +noscript
        +loading +stale :0 :0 :0 *3 +@admin +@slow +@dangerous *2 $24 request_policy:all_nodes $29
        response_policy:all_succeeded *0 *0
        *10 $5 xread :-4 *3 +readonly +blocking +movablekeys :0 :0 :0 *4 +@read +@stream +@slow +@blocking
        *0 *1 *6 $5 flags *2 +RO +access $12 begin_search *4 $4 type $7 keyword $4 spec *4 $7 keyword $7
        STREAMS $9 startfrom :1 $9 find_keys *4 $4 type $5 range $4 spec *6 $7 lastkey :-1 $7 keystep :1 $5
        limit :2 *0
        *10 $7 publish :3 *4 +pubsub +loading +stale +fast :0 :0 :0 *2 +@pubsub +@fast *0 *0 *0
        $-1
        *10 $3 get :2 *2 +readonly +fast :1 :1 :1 *3 +@read +@string +@fast *0 *1 *6 $5 flags *2 +RO
        +access $12 begin_search *4 $4 type $5 index $4 spec *2 $5 index :1 $9 find_keys *4 $4 type $5
        range $4 spec *6 $7 lastkey :0 $7 keystep :1 $5 limit :0 *0
        """

    private func decodeCaptured() throws -> RESPValue {
        let wire = Self.capturedReply.split(whereSeparator: \.isWhitespace).joined(separator: "\r\n") + "\r\n"
        let decoder = RESPDecoder()
        try decoder.feed(Array(wire.utf8))
        return try #require(try decoder.next())
    }

    @Test func readsAreSafeToResend() {
        let catalog = CommandCatalog()
        for command in ["GET k", "mget a b", "XREAD COUNT 1 STREAMS s 0", "XREAD BLOCK 1000 STREAMS s $",
                        "HGETALL h", "ZRANGE z 0 -1", "SCAN 0", "XINFO STREAM s", "OBJECT ENCODING k",
                        "MEMORY USAGE k", "EVAL_RO 'return 1' 0"] {
            #expect(catalog.isSafeToResend(argv(command)), "\(command)")
        }
    }

    @Test func writesAndSideEffectsAreNot() {
        let catalog = CommandCatalog()
        for command in ["SET k v", "INCR k", "EVAL 'return 1' 0", "EVALSHA abc 0", "FCALL f 0", "PUBLISH c m",
                        "SPUBLISH c m", "EXEC", "MULTI", "XREADGROUP GROUP g c STREAMS s >", "BLPOP l 0",
                        "SUBSCRIBE c", "CONFIG SET maxmemory 1", "CLIENT KILL ID 1", "ACL LOG RESET",
                        "SHUTDOWN", "DEBUG SLEEP 0", "FLUSHALL", "SELECT 1", "AUTH pw"] {
            #expect(!catalog.isSafeToResend(argv(command)), "\(command)")
        }
    }

    @Test func unknownCommandsAreNeverGuessedSafe() {
        let catalog = CommandCatalog()
        #expect(!catalog.isSafeToResend(argv("JSON.GET doc $")))
        #expect(!catalog.isSafeToResend(argv("CONFIG NOSUCH x")))
        #expect(!catalog.isSafeToResend([]))
        #expect(catalog.flags(of: "json.get") == nil)
    }

    @Test func containersAreJudgedByTheirSubcommand() {
        let catalog = CommandCatalog()
        #expect(catalog.commandName(of: argv("config get maxmemory")) == "config|get")
        #expect(catalog.commandName(of: argv("GET config")) == "get")
        #expect(catalog.isSafeToResend(argv("CONFIG GET maxmemory")))
        #expect(!catalog.isSafeToResend(argv("CONFIG SET maxmemory 1")))
        #expect(!catalog.isSafeToResend(argv("CONFIG")))
        #expect(catalog.isSafeToResend(argv("CLIENT LIST")))
        #expect(catalog.isSafeToResend(argv("Xinfo Help")))
    }

    @Test func harmlessCommandsWithoutTheReadonlyFlagAreSafe() {
        let catalog = CommandCatalog()
        for command in ["PING", "ECHO hi", "TIME", "INFO memory", "COMMAND INFO get", "SLOWLOG GET 10"] {
            #expect(catalog.isSafeToResend(argv(command)), "\(command)")
        }
    }

    @Test func theHarmlessListNamesRealCommandsThatDoNotWrite() {
        let catalog = CommandCatalog()
        for name in CommandCatalog.harmlessWithoutReadOnlyFlag {
            let flags = catalog.flags(of: name)
            #expect(flags != nil && flags?.isWrite == false, "\(name)")
        }
    }

    @Test func blockingReadsAreReadOnly() {
        #expect(CommandFlags(["readonly", "blocking", "movablekeys"]).isReadOnly)
        #expect(!CommandFlags(["write", "blocking"]).isReadOnly)
        #expect(!CommandFlags(["readonly", "write"]).isReadOnly)
        #expect(CommandFlags(["READONLY"]).isReadOnly)
    }

    @Test func learnsFromARealCommandInfoReply() throws {
        let catalog = CommandCatalog()
        #expect(catalog.needsLookup("config"))
        #expect(catalog.needsLookup("GET"))
        catalog.learn(fromCommandInfo: try decodeCaptured(), asked: ["config", "xread", "publish", "nosuch.cmd", "get"])

        #expect(catalog.flags(of: "config|get") == CommandFlags(["admin", "noscript", "loading", "stale"]))
        #expect(catalog.flags(of: "xread") == CommandFlags(["readonly", "blocking", "movablekeys"]))
        for name in ["config", "config|get", "config|set", "xread", "publish", "get", "nosuch.cmd"] {
            #expect(!catalog.needsLookup(name), "\(name)")
        }
        #expect(catalog.needsLookup("set"))
        #expect(catalog.isSafeToResend(argv("CONFIG GET maxmemory")))
        #expect(!catalog.isSafeToResend(argv("CONFIG SET maxmemory 1")))
        #expect(catalog.isSafeToResend(argv("XREAD BLOCK 0 STREAMS s $")))
        #expect(!catalog.isSafeToResend(argv("PUBLISH c m")))
        #expect(catalog.isSafeToResend(argv("GET k")))
        #expect(!catalog.isSafeToResend(argv("NOSUCH.CMD")))
    }

    @Test func serverFactsWinOverTheBuiltInTable() {
        let catalog = CommandCatalog()
        #expect(catalog.isSafeToResend(argv("ECHO x")))
        #expect(catalog.isSafeToResend(argv("XLEN s")))
        #expect(!catalog.isSafeToResend(argv("JSON.GET doc")))
        catalog.learn(fromCommandInfo: .array([
            entry("echo", ["write"]),
            entry("xlen", ["fast"]),
            entry("json.get", ["readonly", "fast"]),
            entry("json.set", ["write", "denyoom"]),
            entry("json.debug", [], subcommands: [entry("json.debug|memory", ["readonly"])]),
        ]))
        #expect(!catalog.isSafeToResend(argv("ECHO x")))
        #expect(!catalog.isSafeToResend(argv("XLEN s")))
        #expect(catalog.isSafeToResend(argv("JSON.GET doc $")))
        #expect(!catalog.isSafeToResend(argv("JSON.SET doc $ 1")))
        #expect(catalog.isSafeToResend(argv("JSON.DEBUG MEMORY doc")))
        #expect(!catalog.isSafeToResend(argv("JSON.DEBUG")))
    }

    @Test func aCommandTheServerLacksIsNotSafeEvenIfTheTableKnowsIt() {
        let catalog = CommandCatalog()
        catalog.learn(fromCommandInfo: .array([.null, .null]), asked: ["config", "get"])
        #expect(!catalog.isSafeToResend(argv("GET k")))
        #expect(!catalog.isSafeToResend(argv("CONFIG GET maxmemory")))
        #expect(!catalog.needsLookup("get"))
    }

    @Test func malformedRepliesAreIgnored() {
        let catalog = CommandCatalog()
        catalog.learn(fromCommandInfo: .errorText("ERR unknown subcommand"))
        catalog.learn(fromCommandInfo: .array([.integer(1), .array([.bulk("get")]), .array([.bulk("get"), .integer(2), .bulk("write")])]))
        #expect(catalog.isSafeToResend(argv("GET k")))
        #expect(catalog.needsLookup("get"))
    }
}
