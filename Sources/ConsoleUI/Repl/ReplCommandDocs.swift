import ConnCore

/// The command documentation the REPL's hints, Tab and HELP use: the built-in table from
/// Redis 7.0.15 at once, then what the server documents for commands that table lacks
/// (modules, newer versions), fetched in the background. The whole `COMMAND DOCS` reply
/// nests deeper than hiredis 0.14 reads, so unknown commands are asked for one by one.
public final class ReplCommandDocs: Sendable {
    private let docs = PthreadMutex(CommandDocs.builtIn)

    public init() {}

    public var current: CommandDocs { docs.withLock { $0 } }

    /// Tab's candidates for the text before the cursor: commands, subcommands, meta commands.
    public func completion(_ lineBeforeCursor: String) -> CompletionResult {
        let found = CommandCompletion.complete(lineBeforeCursor, docs: current, metaCommands: MetaCommand.allNames)
        return CompletionResult(candidates: found.candidates, replaceLength: found.replaceLength)
    }

    /// Learns the server's extra commands on a thread of its own, over one connection.
    public func learn(from factory: ConnectionFactory) {
        _ = BackgroundThread { [docs] in
            guard let connection = try? factory.connect() else { return }
            defer { connection.close() }
            guard case .array(let names)? = try? connection.request(["COMMAND", "LIST"]) else { return }
            let known = docs.withLock { $0 }
            let missing = names.compactMap(\.text).filter { known.lookUp([Array($0.utf8)]) == nil }
            var learned: [String: CommandDoc] = [:]
            for name in missing.prefix(500) {
                // A reply too deep for hiredis breaks the connection: stop there, keep the rest.
                guard !connection.isBroken, let reply = try? connection.request(["COMMAND", "DOCS", name]) else { break }
                learned.merge(CommandDocs.parse(commandDocsReply: reply)) { $1 }
            }
            if !learned.isEmpty { docs.withLock { $0 = $0.merging(learned) } }
        }
    }
}
