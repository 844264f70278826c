import ConnCore
import ConsoleUI
import Testing

// Expected strings recorded from redis-cli 7.0.15 against redis-server 7.0.15: hints by typing
// into `redis-cli -p PORT` under tmux (`tmux send-keys`, `tmux capture-pane -p -e`: the hint is
// the text after ESC[90m), completions by pressing Tab repeatedly, HELP blocks from
// `redis-cli -p PORT help ...` (byte for byte the same as typing HELP at the prompt on a pty).

private let docs = CommandDocs.builtIn
private let setParams =
    "[NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]"
private let clientListParams = "[TYPE NORMAL|MASTER|REPLICA|PUBSUB] [ID client-id [client-id ...]]"
private let setFromKey = "key value " + setParams
private let setFromValue = "value " + setParams
private let setAfterK = " value " + setParams
private let clientListAfterName = " " + clientListParams
private let migrateParams = "key|\"\" destination-db timeout [COPY] [REPLACE] [[AUTH password]|[AUTH2 username password]] [KEYS key [key ...]]"
private let migrateFromHost = "host port " + migrateParams

private let hintCases: [(String, String)] = [
    ("SET ", setFromKey),
    ("set ", setFromKey),
    ("SET k", setAfterK),
    ("SET k v ", setParams),
    ("SET k v EX ", setParams),
    ("SET k v NX ", setParams),
    ("SET k v EX 10 ", setParams),
    ("SET k v x y z w ", setParams),
    ("SET  k ", setFromValue),
    ("  SET ", setFromKey),
    ("SET \"a b\" ", setFromValue),
    ("GET", " key"),
    ("CLIENT LIST ", clientListParams),
    ("client list ", clientListParams),
    ("CLIENT LIST", clientListAfterName),
    ("CONFIG GET ", "parameter [parameter ...]"),
    ("CONFIG GET x ", "[parameter ...]"),
    ("LPUSH k v ", "[element ...]"),
    ("LPUSH k v w ", "[element ...]"),
    ("EVAL s 1 ", "[key [key ...]] [arg [arg ...]]"),
    ("ZADD k ", "[NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]"),
    ("ZADD k 1 m ", "[NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]"),
    ("XADD ", "key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...]"),
    ("REPLICAOF ", "host port|NO ONE"),
    ("MIGRATE ", migrateFromHost),
    ("MIGRATE h p ", migrateParams),
]

@Suite("Hints as redis-cli 7.0.15 shows them") struct CommandHintTests {
    @Test(arguments: hintCases)
    func hint(_ line: String, _ expected: String) {
        #expect(CommandHints.hint(for: line, docs: docs) == expected)
    }

    /// redis-cli showed nothing after these (an empty or blank hint, or none at all).
    @Test(arguments: ["", "   ", "nosuch ", "CLIENT ", "CLIENT", "CLIENT LI", "GET k ", "GET k v", "HELP ",
                      "SET \"abc", "HELP SET"])
    func noHint(_ line: String) {
        #expect(CommandHints.hint(for: line, docs: docs) == nil)
    }

    /// Longer than the 200-column tmux window: checked up to where redis-cli's line was cut.
    @Test func longHintsMatchAsFarAsTheScreenShowedThem() {
        #expect(CommandHints.hint(for: "BITFIELD ", docs: docs)?.hasPrefix(
            "key [GET encoding offset|[OVERFLOW WRAP|SAT|FAIL] SET encoding offset value|INCRBY encoding offset "
                + "increment [GET encoding offset|[OVERFLOW WRAP|SAT|FAIL] SET encoding offset") == true)
        #expect(CommandHints.hint(for: "CLIENT KILL ", docs: docs)?.hasPrefix(
            "ip:port|[ID client-id]|[TYPE NORMAL|MASTER|SLAVE|REPLICA|PUBSUB]|[USER username]|[ADDR ip:port]|"
                + "[LADDR ip:port]|[SKIPME yes/no] [[ID client-id]|[TYPE NORMAL|MASTER|SLAVE|R") == true)
    }

    @Test func caseFoldingIsASCIIOnly() {
        #expect(CommandHints.hint(for: "\u{212A}EYS ", docs: docs) == nil)  // Kelvin sign, not K
        #expect(CommandHints.hint(for: "KeYs ", docs: docs) == "pattern")
    }
}

@Suite("Tab completion") struct CommandCompletionTests {
    @Test func commandNamesCompleteToUpperCaseInByteOrder() {
        // redis-cli: se<Tab> -> SELECT, then SET, SETBIT, SETEX (it also offers subcommands, see below).
        let lower = CommandCompletion.complete("se", docs: docs)
        #expect(lower.candidates == ["SELECT", "SET", "SETBIT", "SETEX", "SETNX", "SETRANGE"])
        #expect(lower.replaceLength == 2)
        #expect(CommandCompletion.complete("SE", docs: docs).candidates == lower.candidates)
        #expect(CommandCompletion.complete("  set", docs: docs) == (["SET", "SETBIT", "SETEX", "SETNX", "SETRANGE"], 3))
    }

    @Test func subcommandsCompleteAfterTheirContainer() {
        // redis-cli: client l<Tab> -> CLIENT LIST (the only one), replacing the whole "client l".
        #expect(CommandCompletion.complete("client l", docs: docs) == (["CLIENT LIST"], 8))
        #expect(CommandCompletion.complete("CONFIG  re", docs: docs) == (["CONFIG RESETSTAT", "CONFIG REWRITE"], 10))
        let all = CommandCompletion.complete("client ", docs: docs)
        #expect(all.candidates.first == "CLIENT CACHING")
        #expect(all.candidates.contains("CLIENT LIST") && all.candidates.count == 16)
        #expect(all.replaceLength == 7)
        // Unlike redis-cli (CLIENT, CLIENT CACHING, CLIENT GETNAME, ...), commands only here.
        #expect(CommandCompletion.complete("cl", docs: docs).candidates == ["CLIENT", "CLUSTER"])
    }

    @Test func nothingCompletesInArguments() {
        // redis-cli: get k<Tab>, zzz<Tab> left the line as it was.
        for line in ["get k", "zzz", "client list x", "get ", "SET \"a"] {
            #expect(CommandCompletion.complete(line, docs: docs) == ([], 0), "\(line)")
        }
    }

    @Test func helpTopicsIncludeGroups() {
        // redis-cli: help @<Tab> cycled through these 16, in this order; help s<Tab> -> help SADD.
        let groups = CommandCompletion.complete("help @", docs: docs)
        #expect(groups.candidates == [
            "@bitmap", "@cluster", "@connection", "@generic", "@geo", "@hash", "@hyperloglog", "@list",
            "@pubsub", "@scripting", "@server", "@set", "@sorted-set", "@stream", "@string", "@transactions",
        ])
        #expect(groups.replaceLength == 1)
        #expect(CommandCompletion.complete("help s", docs: docs).candidates.prefix(3) == ["SADD", "SAVE", "SCAN"])
        #expect(CommandCompletion.complete("HELP client li", docs: docs) == (["CLIENT LIST"], 9))
        #expect(CommandCompletion.complete("help ", docs: docs).candidates.first == "@bitmap")
    }

    @Test func metaCommandsCompleteFromTheCallersList() {
        let meta = [":pool", ":health", ":PAUSE"]
        #expect(CommandCompletion.complete(":p", docs: docs, metaCommands: meta) == ([":pool", ":PAUSE"], 2))
        #expect(CommandCompletion.complete(":h", docs: docs, metaCommands: meta) == ([":health"], 2))
        #expect(CommandCompletion.complete(":pool x", docs: docs, metaCommands: meta) == ([], 0))
    }

    @Test func onlyTheTextBeforeTheCursorCounts() {
        #expect(CommandCompletion.complete("ge key", cursor: 2, docs: docs).candidates.first == "GEOADD")
        #expect(CommandCompletion.complete("client l", cursor: 7, docs: docs).candidates.count == 16)
    }
}

@Suite("HELP as redis-cli 7.0.15 prints it") struct CommandHelpRenderTests {
    private func help(_ line: String, complexity: Bool = false) -> String {
        let topics = line.split(separator: " ").map(String.init)
        return String(decoding: CommandHelp.render(topics, docs: docs, versionLine: "redis-cli 7.0.15",
                                                   includeComplexity: complexity), as: UTF8.self)
    }

    @Test func oneCommand() {
        #expect(help("SET") == "\r\n  \u{1b}[1mSET\u{1b}[0m \u{1b}[90mkey value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Set the string value of a key\r\n  \u{1b}[33msince:\u{1b}[0m 1.0.0\r\n  \u{1b}[33mgroup:\u{1b}[0m string\r\n\r\n")
        #expect(help("get") == "\r\n  \u{1b}[1mGET\u{1b}[0m \u{1b}[90mkey\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Get the value of a key\r\n  \u{1b}[33msince:\u{1b}[0m 1.0.0\r\n  \u{1b}[33mgroup:\u{1b}[0m string\r\n\r\n")
        #expect(help("client list") == "\r\n  \u{1b}[1mCLIENT LIST\u{1b}[0m \u{1b}[90m[TYPE NORMAL|MASTER|REPLICA|PUBSUB] [ID client-id [client-id ...]]\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Get the list of client connections\r\n  \u{1b}[33msince:\u{1b}[0m 2.4.0\r\n  \u{1b}[33mgroup:\u{1b}[0m connection\r\n\r\n")
        #expect(help("config get") == "\r\n  \u{1b}[1mCONFIG GET\u{1b}[0m \u{1b}[90mparameter [parameter ...]\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Get the values of configuration parameters\r\n  \u{1b}[33msince:\u{1b}[0m 2.0.0\r\n  \u{1b}[33mgroup:\u{1b}[0m server\r\n\r\n")
        #expect(help("replicaof") == "\r\n  \u{1b}[1mREPLICAOF\u{1b}[0m \u{1b}[90mhost port|NO ONE\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Make the server a replica of another instance, or promote it as master.\r\n  \u{1b}[33msince:\u{1b}[0m 5.0.0\r\n  \u{1b}[33mgroup:\u{1b}[0m server\r\n\r\n")
    }

    @Test func aContainerListsItselfAndItsSubcommands() {
        #expect(help("CoNfIg") == "\r\n  \u{1b}[1mCONFIG\u{1b}[0m \u{1b}[90m\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m A container for server configuration commands\r\n  \u{1b}[33msince:\u{1b}[0m 2.0.0\r\n  \u{1b}[33mgroup:\u{1b}[0m server\r\n\r\n  \u{1b}[1mCONFIG GET\u{1b}[0m \u{1b}[90mparameter [parameter ...]\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Get the values of configuration parameters\r\n  \u{1b}[33msince:\u{1b}[0m 2.0.0\r\n  \u{1b}[33mgroup:\u{1b}[0m server\r\n\r\n  \u{1b}[1mCONFIG HELP\u{1b}[0m \u{1b}[90m\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Show helpful text about the different subcommands\r\n  \u{1b}[33msince:\u{1b}[0m 5.0.0\r\n  \u{1b}[33mgroup:\u{1b}[0m server\r\n\r\n  \u{1b}[1mCONFIG RESETSTAT\u{1b}[0m \u{1b}[90m\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Reset the stats returned by INFO\r\n  \u{1b}[33msince:\u{1b}[0m 2.0.0\r\n  \u{1b}[33mgroup:\u{1b}[0m server\r\n\r\n  \u{1b}[1mCONFIG REWRITE\u{1b}[0m \u{1b}[90m\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Rewrite the configuration file with the in memory configuration\r\n  \u{1b}[33msince:\u{1b}[0m 2.8.0\r\n  \u{1b}[33mgroup:\u{1b}[0m server\r\n\r\n  \u{1b}[1mCONFIG SET\u{1b}[0m \u{1b}[90mparameter value [parameter value ...]\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Set configuration parameters to the given values\r\n  \u{1b}[33msince:\u{1b}[0m 2.0.0\r\n  \u{1b}[33mgroup:\u{1b}[0m server\r\n\r\n")
    }

    @Test func aGroupListsItsCommandsWithoutTheGroupLine() {
        let transactions = "\r\n  \u{1b}[1mDISCARD\u{1b}[0m \u{1b}[90m\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Discard all commands issued after MULTI\r\n  \u{1b}[33msince:\u{1b}[0m 2.0.0\r\n\r\n  \u{1b}[1mEXEC\u{1b}[0m \u{1b}[90m\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Execute all commands issued after MULTI\r\n  \u{1b}[33msince:\u{1b}[0m 1.2.0\r\n\r\n  \u{1b}[1mMULTI\u{1b}[0m \u{1b}[90m\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Mark the start of a transaction block\r\n  \u{1b}[33msince:\u{1b}[0m 1.2.0\r\n\r\n  \u{1b}[1mUNWATCH\u{1b}[0m \u{1b}[90m\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Forget about all watched keys\r\n  \u{1b}[33msince:\u{1b}[0m 2.2.0\r\n\r\n  \u{1b}[1mWATCH\u{1b}[0m \u{1b}[90mkey [key ...]\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Watch the given keys to determine execution of the MULTI/EXEC block\r\n  \u{1b}[33msince:\u{1b}[0m 2.2.0\r\n\r\n"
        #expect(help("@transactions") == transactions)
        #expect(help("@TRANSACTIONS foo") == transactions)
        #expect(help("@string").hasPrefix("\r\n  \u{1b}[1mAPPEND\u{1b}[0m \u{1b}[90mkey value\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Append a value to a key\r\n  \u{1b}[33msince:\u{1b}[0m 2.0.0\r\n\r\n  \u{1b}[1mDECR\u{1b}[0m "))
    }

    /// redis-cli's order: strcmp of the upper-case names.
    @Test func groupsListInByteOrder() {
        func names(_ line: String) -> [String] {
            help(line).split(separator: "\u{1b}[1m").dropFirst().map { String($0.prefix { $0 != "\u{1b}" }) }
        }
        #expect(names("@geo") == ["GEOADD", "GEODIST", "GEOHASH", "GEOPOS", "GEORADIUS", "GEORADIUSBYMEMBER",
                                  "GEORADIUSBYMEMBER_RO", "GEORADIUS_RO", "GEOSEARCH", "GEOSEARCHSTORE"])
        #expect(names("@scripting") == [
            "EVAL", "EVALSHA", "EVALSHA_RO", "EVAL_RO", "FCALL", "FCALL_RO", "FUNCTION", "FUNCTION DELETE",
            "FUNCTION DUMP", "FUNCTION FLUSH", "FUNCTION HELP", "FUNCTION KILL", "FUNCTION LIST", "FUNCTION LOAD",
            "FUNCTION RESTORE", "FUNCTION STATS", "SCRIPT", "SCRIPT DEBUG", "SCRIPT EXISTS", "SCRIPT FLUSH",
            "SCRIPT HELP", "SCRIPT KILL", "SCRIPT LOAD",
        ])
    }

    @Test func unknownTopicsPrintAnEmptyLine() {
        for line in ["nosuch", "SET x", "@sorted_set", "@nosuch", "client list x"] {
            #expect(help(line) == "\r\n", "\(line)")
        }
        #expect(help("@sorted-set").hasPrefix("\r\n  \u{1b}[1mBZMPOP\u{1b}[0m "))
    }

    @Test func helpAlone() {
        #expect(help("") == "redis-cli 7.0.15\nTo get help about Redis commands type:\n      \"help @<group>\" to get a list of commands in <group>\n      \"help <command>\" for help on <command>\n      \"help <tab>\" to get a list of possible help topics\n      \"quit\" to exit\n\nTo set redis-cli preferences:\n      \":set hints\" enable online hints\n      \":set nohints\" disable online hints\nSet your preferences in ~/.redisclirc\n")
    }

    @Test func complexityFollowsRedisCLIsLines() {
        #expect(help("get", complexity: true) == "\r\n  \u{1b}[1mGET\u{1b}[0m \u{1b}[90mkey\u{1b}[0m\r\n  \u{1b}[33msummary:\u{1b}[0m Get the value of a key\r\n  \u{1b}[33msince:\u{1b}[0m 1.0.0\r\n  \u{1b}[33mgroup:\u{1b}[0m string\r\n  \u{1b}[33mcomplexity:\u{1b}[0m O(1)\r\n\r\n")
        #expect(help("@transactions", complexity: true).hasSuffix(
            "\u{1b}[33msince:\u{1b}[0m 2.2.0\r\n  \u{1b}[33mcomplexity:\u{1b}[0m O(1) for every key.\r\n\r\n"))
    }

    @Test func helpAndQuestionMarkAreAnsweredLocally() {
        #expect(CommandHelp.isHelpCommand([Array("HeLp".utf8), Array("set".utf8)]))
        #expect(CommandHelp.isHelpCommand([Array("?".utf8)]))
        #expect(!CommandHelp.isHelpCommand([Array("helper".utf8)]))
        #expect(!CommandHelp.isHelpCommand([]))
    }
}

@Suite("Command documentation model") struct CommandDocsModelTests {
    @Test func theBuiltInTableHasEveryCommandOf7_0_15() {
        #expect(CommandDocs.builtInRedisVersion == "7.0.15")
        #expect(docs.commands.count == 240)
        #expect(docs.entries.count == 366)
        #expect(docs.groups.count == 16)
        #expect(docs.commands["config"]?.subcommands.keys.sorted() == ["get", "help", "resetstat", "rewrite", "set"])
        #expect(docs.commands["set"]?.complexity == "O(1)")
        #expect(docs.commands["set"]?.arguments == nil)
    }

    @Test func argumentsRenderAsRedisCLIWritesThem() {
        let prefix = CommandArgument(name: "prefix", type: "string", token: "PREFIX", isOptional: true,
                                     isMultiple: true, isMultipleToken: true)
        #expect(prefix.text == "[PREFIX prefix [PREFIX prefix ...]]")
        let id = CommandArgument(name: "id", type: "block", token: "ID", isOptional: true, arguments: [
            CommandArgument(name: "client-id", type: "integer", isMultiple: true),
        ])
        #expect(id.text == "[ID client-id [client-id ...]]")
        let empty = CommandArgument(name: "key_or_empty_string", type: "oneof", arguments: [
            CommandArgument(name: "key", type: "key"),
            CommandArgument(name: "empty_string", type: "pure-token", token: ""),
        ])
        #expect(empty.text == "key|\"\"")
    }

    /// A hand-written RESP2 reply in the server's shape: nested oneof/block, a subcommand, a
    /// field this code does not know, and a malformed entry that must be skipped.
    @Test func parsesTheRESP2Reply() {
        func map(_ pairs: [(String, RESPValue)]) -> RESPValue {
            .array(pairs.flatMap { [RESPValue.bulk($0.0), $0.1] })
        }
        func flags(_ names: String...) -> RESPValue { .array(names.map { .simple($0) }) }
        let list = map([
            ("summary", .bulk("Get the list of client connections")), ("since", .bulk("2.4.0")),
            ("group", .bulk("connection")), ("complexity", .bulk("O(N)")),
            ("history", .array([.array([.bulk("2.8.12"), .bulk("Added unique client `id` field.")])])),
            ("arguments", .array([
                map([("name", .bulk("normal_master_replica_pubsub")), ("type", .bulk("oneof")), ("token", .bulk("TYPE")),
                     ("since", .bulk("5.0.0")), ("flags", flags("optional")), ("arguments", .array([
                         map([("name", .bulk("normal")), ("type", .bulk("pure-token")), ("token", .bulk("NORMAL"))]),
                         map([("name", .bulk("pubsub")), ("type", .bulk("pure-token")), ("token", .bulk("PUBSUB"))]),
                     ]))]),
                map([("name", .bulk("id")), ("type", .bulk("block")), ("token", .bulk("ID")), ("flags", flags("optional")),
                     ("arguments", .array([map([("name", .bulk("client-id")), ("type", .bulk("integer")),
                                                ("flags", flags("multiple"))])]))]),
            ])),
        ])
        let reply = RESPValue.array([
            .bulk("client"), map([("summary", .bulk("A container")), ("since", .bulk("2.4.0")), ("group", .bulk("connection")),
                                  ("subcommands", .array([.bulk("client|list"), list]))]),
            .bulk("get"), map([("summary", .bulk("Get the value of a key")), ("since", .bulk("1.0.0")),
                               ("group", .bulk("string")), ("arguments", .array([
                                   map([("name", .bulk("key")), ("type", .bulk("key")), ("key_spec_index", .integer(0))]),
                               ]))]),
            .bulk("broken"), .integer(3),
        ])
        let parsed = CommandDocs.parse(commandDocsReply: reply)
        #expect(parsed.keys.sorted() == ["client", "get"])
        #expect(parsed["get"]?.params == "key")
        #expect(parsed["get"]?.complexity == nil)
        let clientList = parsed["client"]?.subcommands["list"]
        #expect(clientList?.name == "CLIENT LIST")
        #expect(clientList?.params == "[TYPE NORMAL|PUBSUB] [ID client-id [client-id ...]]")
        #expect(clientList?.arguments?.first?.arguments.map(\.token) == ["NORMAL", "PUBSUB"])
        #expect(clientList?.complexity == "O(N)")
        #expect(CommandDocs.parse(commandDocsReply: .array([])).isEmpty)
        #expect(CommandDocs.parse(commandDocsReply: .errorText("NOPERM")).isEmpty)
    }

    @Test func serverDocumentationWinsOverTheBuiltInTable() {
        let custom = CommandDoc(name: "CLIENT LIST", summary: "s", since: "9.9.9", group: "connection",
                                arguments: [CommandArgument(name: "x", type: "string")])
        let module = CommandDoc(name: "MY.CMD", summary: "m", since: "1.0.0", group: "module", params: "a")
        let merged = docs.merging(["client|list": custom, "my.cmd": module])
        #expect(CommandHints.hint(for: "client list ", docs: merged) == "x")
        #expect(CommandHints.hint(for: "client kill ", docs: merged) == CommandHints.hint(for: "client kill ", docs: docs))
        #expect(CommandHints.hint(for: "my.cmd ", docs: merged) == "a")
        #expect(merged.entries.count == docs.entries.count + 1)
        #expect(merged.groups.contains("module"))
    }
}
