import ConsoleUI
import Testing

/// Recorded by sending each command to a fake server answering `$3 a"b`: verbatim commands
/// printed `a"b`, the others `"a\"b"` plus a newline (redis-cli 7.0.15 on a tty).
@Suite struct VerbatimCommandTests {
    @Test(arguments: [
        "info", "INFO server", "lolwut", "LoLwUt version 5", "debug htstats", "debug htstats 0 full",
        "debug htstats-key k", "debug client-eviction", "memory malloc-stats", "memory doctor",
        "memory doctor x", "cluster nodes", "cluster info", "client list", "CLIENT LIST TYPE normal",
        "client info", "client info x", "latency graph command", "latency doctor", "proxy info",
        "proxy info x",
    ])
    func verbatim(_ line: String) {
        let argv = line.split(separator: " ").map(String.init)
        #expect(ReplyFormatter.isVerbatimCommand(argv))
        #expect(ReplyFormatter.isVerbatimCommand(argv.map { Array($0.utf8) }))
    }

    @Test(arguments: [
        "debug", "memory usage", "cluster nodes x", "cluster info x", "cluster shards", "client getname",
        "client", "latency graph", "latency graph a b", "latency doctor x", "proxy", "get info",
        "module list", "command docs", "acl cat", "config get x", "infox", "",
    ])
    func notVerbatim(_ line: String) {
        let argv = line.split(separator: " ").map(String.init)
        #expect(!ReplyFormatter.isVerbatimCommand(argv))
        #expect(!ReplyFormatter.isVerbatimCommand(argv.map { Array($0.utf8) }))
    }

    /// strcasecmp on C strings: ASCII folding only, and an argument ends at its first NUL.
    @Test func cStringComparison() {
        #expect(ReplyFormatter.isVerbatimCommand([b("info\u{00}zz")]))
        #expect(ReplyFormatter.isVerbatimCommand([b("CLIENT"), b("lIsT")]))
        #expect(!ReplyFormatter.isVerbatimCommand(["ınfo"]))  // dotless i does not fold to "i"
    }
}
