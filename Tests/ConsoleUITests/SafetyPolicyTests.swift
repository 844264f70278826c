import ConnCore
import Testing
@testable import ConsoleUI

/// Typed confirmations in production, and `--read-only`.
struct SafetyPolicyTests {
    static let server = "redis.prod:6380"

    static func argv(_ line: String) -> [[UInt8]] { ArgvSplitter.split(Array(line.utf8)) ?? [] }

    static func need(_ line: String, _ profile: Profile = .production) -> ConfirmationNeed {
        SafetyPolicy.confirmation(for: argv(line), profile: profile, server: server)
    }

    /// (line, the name to type back) for every command that needs a confirmation in production.
    @Test(arguments: [
        ("FLUSHALL", "FLUSHALL"), ("flushall async", "FLUSHALL"), ("FLUSHDB", "FLUSHDB"),
        ("SHUTDOWN NOSAVE", "SHUTDOWN"), ("DEBUG SLEEP 1", "DEBUG"), ("debug segfault", "DEBUG"),
        ("CONFIG SET maxmemory 1", "CONFIG SET"), ("config rewrite", "CONFIG REWRITE"),
        ("CONFIG RESETSTAT", "CONFIG RESETSTAT"), ("SCRIPT FLUSH", "SCRIPT FLUSH"),
        ("FUNCTION FLUSH", "FUNCTION FLUSH"), ("FUNCTION DELETE mylib", "FUNCTION DELETE"),
        ("FUNCTION RESTORE payload", "FUNCTION RESTORE"), ("SWAPDB 0 1", "SWAPDB"),
        ("REPLICAOF 10.0.0.2 6379", "REPLICAOF"), ("SLAVEOF NO ONE", "SLAVEOF"),
        ("CLUSTER RESET HARD", "CLUSTER RESET"), ("CLUSTER FAILOVER", "CLUSTER FAILOVER"),
        ("CLUSTER FLUSHSLOTS", "CLUSTER FLUSHSLOTS"), ("CLIENT KILL ID 7", "CLIENT KILL"),
        ("ACL DELUSER bob", "ACL DELUSER"), ("MIGRATE 10.0.0.2 6379 key 0 5000", "MIGRATE"),
        ("3 FLUSHDB", "FLUSHDB"),
    ])
    func destructiveCommandsNeedTheirNameTyped(_ line: String, _ answer: String) throws {
        guard case .confirm(let confirmation) = Self.need(line) else {
            Issue.record("\(line) needs no confirmation")
            return
        }
        #expect(confirmation.expectedAnswer == answer)
        #expect(confirmation.command == answer)
        #expect(confirmation.server == Self.server)
        #expect(confirmation.warning.hasPrefix("\(answer) on redis.prod:6380 (production profile) "))
        #expect(confirmation.prompt == "Type \(answer) to run it (anything else cancels): ")
        for profile in [Profile.development, .testing] { #expect(Self.need(line, profile) == .none) }
    }

    @Test(arguments: [
        "GET key", "SET key value", "DEL key", "CONFIG GET maxmemory", "SCRIPT LOAD x", "FUNCTION LIST",
        "CLUSTER INFO", "CLIENT LIST", "ACL LIST", "ACL SETUSER bob", "INFO", "SCAN 0", "DBSIZE", "",
        "0 FLUSHALL",  // an invalid repeat count: the REPL refuses the line anyway
    ])
    func everydayCommandsNeedNothing(_ line: String) {
        #expect(Self.need(line) == .none)
    }

    @Test func keysAsksOnlyWhenTheKeyspaceIsLarge() throws {
        guard case .ifKeyspaceLarger(let threshold, let confirmation) = Self.need("keys *") else {
            Issue.record("KEYS should depend on the keyspace")
            return
        }
        #expect(threshold == 10_000)
        #expect(confirmation.expectedAnswer == "yes")
        #expect(confirmation.warning.contains("more than 10000 keys"))
        #expect(Self.need("KEYS *", .development) == .none)
    }

    @Test func warningsSayWhatWillHappen() throws {
        func warning(_ line: String) -> String? {
            if case .confirm(let confirmation) = Self.need(line) { return confirmation.warning }
            return nil
        }
        #expect(warning("FLUSHALL") == "FLUSHALL on redis.prod:6380 (production profile) deletes every key in every database.")
        #expect(warning("SWAPDB 0 1")?.hasSuffix("swaps databases 0 and 1 for every client.") == true)
        #expect(warning("REPLICAOF NO ONE")?.hasSuffix("stops replication and makes the server a master.") == true)
        #expect(warning("REPLICAOF 10.0.0.2 6379")?.hasSuffix("makes the server a replica of 10.0.0.2:6379; it discards its own data.") == true)
        #expect(warning("ACL DELUSER bob alice")?.hasSuffix("deletes the ACL user(s) bob, alice.") == true)
        // CONFIG SET names the parameters, never their values.
        let config = try #require(warning("CONFIG SET requirepass s3cr3t maxmemory 1gb"))
        #expect(config.hasSuffix("changes requirepass, maxmemory on the running server."))
        #expect(!config.contains("s3cr3t"))
        // Control characters typed in an argument are escaped.
        #expect(warning("FUNCTION DELETE \"a\\x1bb\"")?.contains("\"a\\x1bb\"") == true)
    }

    @Test(arguments: [
        ("FLUSHALL", true), ("flushall", true), ("  FLUSHALL ", true), ("FLUSH ALL", false), ("y", false),
        ("yes", false), ("", false),
    ])
    func theAnswerMustBeTheCommandName(_ answer: String, _ accepted: Bool) {
        let confirmation = Confirmation(command: "FLUSHALL", effect: "x", server: Self.server, expectedAnswer: "FLUSHALL")
        #expect(confirmation.accepts(answer) == accepted)
    }

    @Test func multiWordAnswersIgnoreSpacing() {
        let confirmation = Confirmation(command: "CONFIG SET", effect: "x", server: Self.server, expectedAnswer: "CONFIG SET")
        #expect(confirmation.accepts("config  set"))
        #expect(!confirmation.accepts("config"))
    }

    // MARK: --read-only

    @Test(arguments: [
        "GET key", "MGET a b", "SCAN 0", "KEYS *", "INFO", "PING", "CONFIG GET maxmemory", "CLIENT LIST", "DBSIZE",
        "XREAD BLOCK 0 STREAMS s $", "SELECT 2", "AUTH pw", "MULTI", "EXEC", "WATCH k", "SUBSCRIBE ch", "HELLO 2",
        "CLIENT SETNAME me", "3 GET key", "EVAL_RO \"return 1\" 0",
    ])
    func readOnlyAllowsReadsAndSessionCommands(_ line: String) {
        #expect(SafetyPolicy.readOnlyRefusal(for: Self.argv(line), catalog: CommandCatalog()) == nil)
    }

    @Test(arguments: [
        ("SET key value", "refused: SET writes data, and this session is read-only (--read-only)"),
        ("del key", "refused: DEL writes data, and this session is read-only (--read-only)"),
        ("3 INCR counter", "refused: INCR writes data, and this session is read-only (--read-only)"),
        ("FLUSHALL", "refused: FLUSHALL writes data, and this session is read-only (--read-only)"),
        ("CONFIG SET maxmemory 1", "refused: CONFIG SET is not a read-only command: it can change the server without writing keys, "
            + "and this session is read-only (--read-only)"),
        ("SHUTDOWN", "refused: SHUTDOWN is not a read-only command: it can change the server without writing keys, "
            + "and this session is read-only (--read-only)"),
        ("EVAL \"return 1\" 0", "refused: EVAL is not a read-only command: it can change the server without writing keys, "
            + "and this session is read-only (--read-only)"),
        ("PUBLISH ch hi", "refused: PUBLISH is not a read-only command: it can change the server without writing keys, "
            + "and this session is read-only (--read-only)"),
        ("MYMODULE.DO x", "refused: MYMODULE.DO is not a command redis-console knows (the server's command table and the "
            + "built-in one do not list it), so it cannot tell whether it changes data, and this session is read-only (--read-only)"),
    ])
    func readOnlyRefusesWritesAndWhatItCannotJudge(_ line: String, _ message: String) throws {
        let refusal = try #require(SafetyPolicy.readOnlyRefusal(for: Self.argv(line), catalog: CommandCatalog()))
        #expect(refusal.message == message)
        #expect(refusal.kind == .configuration)
        #expect(refusal.hint == "not executed; start the console without --read-only to run it")
    }

    @Test func readOnlyFollowsWhatTheServerSaid() {
        let catalog = CommandCatalog()
        let reply = RESPValue.array([
            .array([.bulkString(Array("mymodule.get".utf8)), .integer(2), .array([.simpleString(Array("readonly".utf8))])]),
        ])
        catalog.learn(fromCommandInfo: reply)
        #expect(SafetyPolicy.readOnlyRefusal(for: Self.argv("MYMODULE.GET k"), catalog: catalog) == nil)
    }

    @Test func readOnlyEscapesTypedControlCharacters() throws {
        let refusal = try #require(SafetyPolicy.readOnlyRefusal(for: Self.argv("\"x\\x1b[2J\" a"), catalog: CommandCatalog()))
        #expect(!refusal.message.contains("\u{1b}"))
        #expect(refusal.message.contains("\"X\\x1b[2J\""))
    }
}
