/// Several commands in one round trip on one pooled connection: the load generator's
/// `--pipeline`. Only stateless commands (`SessionEffect.none`) may be pipelined.
///
/// Retry rule, the same promise as `execute`: getting a connection (pool wait, connect, TLS,
/// handshake) is retried like any command never sent; once the batch was written, nothing is
/// sent again. If the replies are lost, the whole batch is "outcome unknown" (or "not executed"
/// when every command in it only reads). Error replies, refusals such as LOADING included, come
/// back as values in their place: a pipeline never re-sends one command of the batch.
extension ClientSession {
    public func executePipeline(_ commands: [[[UInt8]]], cancellation: CancellationToken? = nil) throws(ConsoleError) -> [RESPValue] {
        guard !commands.isEmpty else { return [] }
        if let stateful = commands.first(where: { SessionEffect.of($0) != .none }) {
            throw ConsoleError(.usage, "\(Self.name(stateful)) changes its connection's state and cannot be pipelined",
                               hint: "send it on its own with execute")
        }
        if holdsConnection {
            throw ConsoleError(.usage, "not executed: the session holds a connection (transaction or session state)",
                               hint: "finish the transaction (EXEC or DISCARD) before pipelining")
        }
        let lease = try acquireWithRetries(cancellation)
        let operationTimeout = client.factory.settings.operationTimeout
        let start = Deadline.now()
        let replies: [RESPValue]
        do {
            replies = try interruptible(lease, cancellation) { () throws(ConsoleError) in
                try lease.connection.pipeline(commands, timeout: .seconds(operationTimeout))
            }
        } catch where error.kind == .cancelled {
            client.pool.release(lease, .reuse)  // cancelled before the write: nothing was sent
            throw error
        } catch {
            let cancelled = cancellation?.isCancelled == true
            client.pool.release(lease, .close(cancelled ? .cancelled : .error))
            let readOnly = commands.allSatisfy { client.catalog.isSafeToResend($0) }
            let outcome: CommandOutcome = readOnly ? .notExecuted : .outcomeUnknown
            client.events.record(.outcome, "pipeline of \(commands.count) \(outcome == .outcomeUnknown ? "outcome unknown" : "not executed"): \(error.message)")
            let words = outcome.error(for: .afterSend(error), retries: 0)
            throw ConsoleError(cancelled ? .cancelled : words.kind, words.message + " (all \(commands.count) commands of the pipeline)",
                               hint: words.hint, cause: words.cause)
        }
        let seconds = Deadline.seconds(since: start)
        let now = WallClock.now()
        for argv in commands { client.latency.record(command: argv[0], seconds: seconds, at: now) }
        client.pool.release(lease, cancellation?.isCancelled == true ? .close(.cancelled) : .reuse)
        return replies
    }
}
