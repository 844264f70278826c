/// Several read-only commands in one round trip (`--bigkeys` asks TYPE, then STRLEN/LLEN/...,
/// for a whole SCAN batch at once, as redis-cli pipelines them). Only commands that are safe to
/// send again are batched, so a batch lost to a broken connection is simply sent again on
/// another one, with the same backoff and retry limit as single commands.
extension ClientSession {
    public func executeReadOnlyBatch(_ commands: [[[UInt8]]]) throws(ConsoleError) -> [RESPValue] {
        guard !commands.isEmpty else { return [] }
        // A held connection (MULTI, ...) or a command that writes: one by one, by the usual rules.
        guard !holdsConnection,
              commands.allSatisfy({ SessionEffect.of($0) == .none && client.catalog.isSafeToResend($0) }) else {
            var replies: [RESPValue] = []
            for argv in commands { replies.append(try execute(argv)) }
            return replies
        }
        var attempt = 0
        while true {
            let failure: AttemptFailure
            do {
                let lease = try acquireReady(nil)
                do {
                    let replies = try lease.connection.pipeline(commands)
                    client.pool.release(lease, .reuse)
                    // A server refusal (LOADING, BUSY, ...) in the batch: those commands alone,
                    // through the single-command path and its retries.
                    return try replies.enumerated().map { (index, reply) throws(ConsoleError) in
                        Self.refusal(in: reply, for: commands[index]) == nil ? reply : try execute(commands[index])
                    }
                } catch {
                    client.pool.release(lease, .close(.error))
                    failure = .afterSend(error)
                }
            } catch {
                failure = error.kind == .poolExhausted ? .poolExhausted(error) : .notSent(error)
            }
            switch RetryDecision.decide(failure, safeToResend: true, retriesDone: attempt, retryLimit: client.retry.retries) {
            case .retry:
                let delay = client.backoffDelay(retry: attempt)
                attempt += 1
                client.events.record(.retry, "retry \(attempt)/\(client.retry.retries) of a batch of \(commands.count) read-only commands in \(Figures.decimal(delay, places: 2)) s: \(failure.reason)")
                _ = RedisClient.sleep(delay, cancellation: nil)
            case .fail(let outcome):
                throw outcome.error(for: failure, retries: attempt)
            }
        }
    }
}
