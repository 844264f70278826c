import Testing
@testable import ConsoleUI

/// Which typed lines reach the history file: secrets never do (DESIGN.md §4).
struct HistoryPolicyTests {
    static let password = "s3cr3t-CANARY-9f2e"

    /// (line, kept?) with the session's password set to `password`.
    static let lines: [(String, Bool)] = [
        ("GET key", true),
        ("SET greeting hello", true),
        ("CONFIG SET maxmemory 1", true),
        ("config get requirepass", true),
        ("ACL LIST", true),
        ("ACL WHOAMI", true),
        ("HELLO 2", true),
        ("HELLO 3 SETNAME app", true),
        ("MIGRATE h 6379 \"\" 0 5000 KEYS auth auth2", true),  // key names, not credentials
        ("SENTINEL GET-MASTER-ADDR-BY-NAME mymaster", true),
        ("SENTINEL SET mymaster quorum 2", true),
        ("3 GET key", true),
        ("3", true),  // a command named "3", no repeat count
        ("authx", true),
        // the password anywhere
        ("SET key \(password)", false),
        ("SET key \"prefix-\(password)-suffix\"", false),
        ("SET key \"\\x73\\x33cr3t-CANARY-9f2e\"", false),  // escaped in the line, whole in the argument
        ("ECHO \(password)", false),
        // sensitive commands, any case, with a repeat count
        ("AUTH x", false),
        ("auth x", false),
        ("AUTH", false),
        ("AUTH user pass", false),
        ("3 AUTH x", false),
        ("  3 auth x", false),
        ("+3 AUTH x", false),
        ("ACL SETUSER bob on >pw", false),
        ("acl getuser bob", false),
        ("ACL DELUSER bob", false),
        ("config set requirepass p", false),
        ("CONFIG SET masterauth p", false),
        ("CONFIG SET masteruser u", false),
        ("CONFIG SET tls-key-file-pass p", false),
        ("CONFIG SET tls-client-key-file-pass p", false),
        ("CONFIG SET maxmemory 1 requirepass p", false),  // several parameters at once (Redis 7)
        ("2 config set REQUIREPASS p", false),
        ("HELLO 3 AUTH user pass", false),
        ("hello 3 setname app auth user pass", false),
        ("HELLO AUTH user pass", false),
        ("MIGRATE h 6379 k 0 5000 AUTH pw", false),
        ("MIGRATE h 6379 \"\" 0 5000 COPY REPLACE AUTH2 user pw KEYS a b", false),
        ("SENTINEL CONFIG SET sentinel-pass pw", false),
        ("sentinel config set SENTINEL-USER u", false),
        ("SENTINEL SET mymaster auth-pass pw", false),
        ("SENTINEL SET mymaster quorum 2 auth-user u", false),
        // lines that are not run
        ("SET \"unbalanced", false),
        ("AUTH 'pa ss", false),
        ("", false),
        ("   ", false),
        ("0 GET key", false),
        ("-1 GET key", false),
        ("99999999999999999999 GET key", false),
    ]

    @Test(arguments: lines)
    func decidesWhatIsKept(_ line: String, _ kept: Bool) {
        #expect(HistoryPolicy.shouldPersist(line: Array(line.utf8), password: Self.password) == kept)
    }

    @Test func withoutAPasswordOnlyTheCommandsCount() {
        #expect(HistoryPolicy.shouldPersist(line: Array("SET key \(Self.password)".utf8), password: nil))
        #expect(HistoryPolicy.shouldPersist(line: Array("SET key x".utf8), password: ""))
        #expect(!HistoryPolicy.shouldPersist(line: Array("AUTH x".utf8), password: nil))
    }

    @Test func bytesAfterANulStillCountForThePassword() {
        // The splitter stops at NUL like redis-cli; the raw line is still checked.
        #expect(!HistoryPolicy.shouldPersist(line: Array("GET a".utf8) + [0] + Array(Self.password.utf8), password: Self.password))
    }

    @Test(arguments: [
        ("3 GET a", RepeatPrefix.times(3)),
        ("  7 GET a", .times(7)),
        ("+2 GET a", .times(2)),
        ("GET a", .none),
        ("3", .none),
        ("3x GET", .none),
        ("0x3 GET", .none),
        ("\" \" GET", .none),
        ("\"\" GET", .invalid),  // strtol("") consumes nothing and ends on the NUL: 0
        ("0 GET a", .invalid),
        ("-2 GET a", .invalid),
        ("9223372036854775807 GET a", .times(Int.max)),
        ("9223372036854775808 GET a", .invalid),
    ])
    func repeatPrefixFollowsStrtol(_ line: String, _ expected: RepeatPrefix) throws {
        let argv = try #require(ArgvSplitter.split(Array(line.utf8)))
        #expect(RepeatPrefix.of(argv) == expected)
    }

    @Test func repeatPrefixIsDroppedOnlyWhenValid() {
        let argv: [[UInt8]] = [Array("3".utf8), Array("INCR".utf8), Array("x".utf8)]
        #expect(RepeatPrefix.command(of: argv) == Array(argv.dropFirst()))
        let invalid: [[UInt8]] = [Array("0".utf8), Array("INCR".utf8)]
        #expect(RepeatPrefix.command(of: invalid) == invalid)
    }
}
