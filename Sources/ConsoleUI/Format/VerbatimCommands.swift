extension ReplyFormatter {
    /// redis-cli's list of commands whose replies it prints raw even on a tty (redis-cli.c 7.0
    /// `cliSendCommand`, `output_raw`), compared case-insensitively (ASCII `strcasecmp`).
    /// Argument counts matter: `CLUSTER NODES x` and `LATENCY GRAPH` (no event) are not verbatim,
    /// `CLIENT LIST TYPE normal` and `MEMORY DOCTOR x` are. Every entry checked against 7.0.15.
    public static func isVerbatimCommand(_ argv: [String]) -> Bool {
        isVerbatimCommand(argv.map { Array($0.utf8) })
    }

    /// The same, for arguments as bytes (as `ArgvSplitter` produces them).
    public static func isVerbatimCommand(_ argv: [[UInt8]]) -> Bool {
        guard let command = argv.first else { return false }
        let count = argv.count
        func arg(_ index: Int, is word: String) -> Bool {
            index < count && caseInsensitiveEqual(argv[index], word)
        }
        func sub(_ words: String...) -> Bool { words.contains { arg(1, is: $0) } }

        if arg(0, is: "info") || arg(0, is: "lolwut") { return true }
        if caseInsensitiveEqual(command, "debug") { return sub("htstats", "htstats-key", "client-eviction") }
        if caseInsensitiveEqual(command, "memory") { return sub("malloc-stats", "doctor") }
        if caseInsensitiveEqual(command, "cluster") { return count == 2 && sub("nodes", "info") }
        if caseInsensitiveEqual(command, "client") { return sub("list", "info") }
        if caseInsensitiveEqual(command, "latency") {
            return (count == 3 && sub("graph")) || (count == 2 && sub("doctor"))
        }
        // PROXY INFO is for redis-cluster-proxy; redis-cli still lists it.
        if caseInsensitiveEqual(command, "proxy") { return sub("info") }
        return false
    }

    /// `strcasecmp` semantics: ASCII-only case folding, and the argument ends at its first NUL
    /// (redis-cli compares C strings).
    private static func caseInsensitiveEqual(_ bytes: [UInt8], _ word: String) -> Bool {
        let text = ByteEscaping.cString(bytes)
        let expected = Array(word.utf8)
        guard text.count == expected.count else { return false }
        return zip(text, expected).allSatisfy { lowerASCII($0) == lowerASCII($1) }
    }

    private static func lowerASCII(_ byte: UInt8) -> UInt8 {
        (0x41...0x5a).contains(byte) ? byte + 0x20 : byte
    }
}
