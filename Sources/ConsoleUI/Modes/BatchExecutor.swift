import ConnCore

/// Runs read-only commands several at a time (one round trip through the pool), as redis-cli
/// pipelines its TYPE and size commands. Executors without batching run them one by one.
public protocol BatchExecutor: CommandExecutor {
    func executeReadOnlyBatch(_ commands: [[[UInt8]]]) throws(ConsoleError) -> [RESPValue]
}

extension ClientSession: BatchExecutor {}

extension CommandExecutor {
    /// The replies to `commands`, in order: batched when the executor can, else one by one.
    func executeAll(_ commands: [[[UInt8]]]) throws(ConsoleError) -> [RESPValue] {
        if let batching = self as? BatchExecutor { return try batching.executeReadOnlyBatch(commands) }
        var replies: [RESPValue] = []
        for argv in commands { replies.append(try execute(argv)) }
        return replies
    }
}
