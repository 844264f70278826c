/// One user of the pool (a REPL, a load worker, a command line): runs commands with safe
/// retries, and holds a connection of its own while a command left state on it
/// (`SessionEffect`, `HeldConnectionState`). Not thread-safe: one thread drives a session;
/// `CancellationToken.cancel` may come from any.
public final class ClientSession {
    public let client: RedisClient
    /// The session's database: every connection is switched to it before use.
    public private(set) var database: Int
    private var held: PooledConnection?
    private var state = HeldConnectionState()

    init(client: RedisClient) {
        self.client = client
        self.database = client.factory.settings.database
    }

    deinit { close() }

    /// True between an accepted MULTI and its EXEC/DISCARD.
    public var inTransaction: Bool { state.inTransaction }
    /// A connection held for a transaction, a stream or session state.
    public var holdsConnection: Bool { held != nil }

    /// Checks the server can be reached now (start-up), and returns the TLS session.
    @discardableResult
    public func connect() throws(ConsoleError) -> TLSSessionInfo? {
        if let held { return held.connection.tls }
        let lease = try acquireWithRetries(nil)
        client.pool.release(lease, .reuse)
        return lease.connection.tls
    }

    /// Runs one command; a reply (error replies included) or a thrown error that says whether
    /// the command was not executed or its outcome is unknown.
    public func execute(_ argv: [[UInt8]], cancellation: CancellationToken? = nil) throws(ConsoleError) -> RESPValue {
        var effect = SessionEffect.of(argv)
        // AUTH with the credentials every pooled connection already has changes nothing.
        if effect == .holdsForSession, Self.isAuthWithConfiguredCredentials(argv, client.factory.settings) { effect = .none }
        if state.sessionStateLost, effect != .holdsForSession {
            throw ConsoleError(.server, "not executed: the connection that carried this session's AUTH, HELLO or CLIENT TRACKING state was lost",
                               hint: "run AUTH (or HELLO, CLIENT TRACKING) again first, so commands do not run as another user")
        }
        if state.needsHeldConnection(effect) { return try runHeld(argv, effect, cancellation) }
        return try runPooled(argv, effect, cancellation)
    }

    /// The next message of a SUBSCRIBE or MONITOR stream, on the held connection.
    public func nextPushed(timeout: CommandTimeout = .forever, cancellation: CancellationToken? = nil) throws(ConsoleError) -> RESPValue {
        guard let held, state.hold == .stream else {
            throw ConsoleError(.io, "no SUBSCRIBE or MONITOR stream is open", hint: "run SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE or MONITOR first")
        }
        do {
            return try interruptible(held, cancellation) { () throws(ConsoleError) in
                try held.connection.nextPushed(timeout: timeout)
            }
        } catch {
            // Ctrl-C is how a stream normally ends: the connection is still subscribed.
            drop(.close(cancellation?.isCancelled == true ? .stateful : .error))
            throw error
        }
    }

    /// Ends a stream: its connection is closed, never pooled (it is still subscribed).
    public func endStream() {
        if state.hold == .stream { drop(.close(.stateful)) }
    }

    /// Gives back or closes whatever the session holds, and forgets its state.
    public func close() {
        if held != nil { drop(.close(.stateful)) }
        state.reset()
    }

    // MARK: pooled commands, with retries

    private func runPooled(_ argv: [[UInt8]], _ effect: SessionEffect, _ cancellation: CancellationToken?) throws(ConsoleError) -> RESPValue {
        var attempt = 0
        while true {
            let failure: AttemptFailure
            var refusedReply: RESPValue?
            switch try attemptOnce(argv, effect, cancellation) {
            case .reply(let reply):
                if attempt > 0 {
                    client.events.record(.outcome, "\(Self.name(argv)) succeeded on attempt \(attempt + 1) of \(client.retry.retries + 1)")
                }
                return reply
            case .refused(let reason, let reply):
                failure = .refused(reason)
                refusedReply = reply
            case .failed(let attemptFailure):
                failure = attemptFailure
            }
            let safe = client.catalog.isSafeToResend(argv)
            switch RetryDecision.decide(failure, safeToResend: safe, retriesDone: attempt, retryLimit: client.retry.retries) {
            case .retry:
                let delay = client.backoffDelay(retry: attempt)
                attempt += 1
                client.events.record(.retry, "retry \(attempt)/\(client.retry.retries) of \(Self.name(argv)) in \(Figures.decimal(delay, places: 2)) s: \(failure.reason)")
                guard RedisClient.sleep(delay, cancellation: cancellation) else {
                    throw Self.cancelled(argv, afterSend: false, safe: true)
                }
            case .fail(let outcome):
                // The server's own refusal, after the retries, is shown as the reply it is.
                if let refusedReply { return refusedReply }
                client.events.record(.outcome, "\(Self.name(argv)) \(outcome == .outcomeUnknown ? "outcome unknown" : "not executed"): \(failure.reason)")
                throw outcome.error(for: failure, retries: attempt)
            }
        }
    }

    private enum AttemptResult {
        case reply(RESPValue)
        case refused(String, RESPValue)
        case failed(AttemptFailure)
    }

    /// One attempt on one pooled connection. Throws only when cancelled.
    private func attemptOnce(_ argv: [[UInt8]], _ effect: SessionEffect, _ cancellation: CancellationToken?) throws(ConsoleError) -> AttemptResult {
        let lease: PooledConnection
        do {
            lease = try acquireReady(cancellation)
        } catch {
            if cancellation?.isCancelled == true { throw Self.cancelled(argv, afterSend: false, safe: true) }
            return .failed(error.kind == .poolExhausted ? .poolExhausted(error) : .notSent(error))
        }
        let reply: RESPValue
        do {
            reply = try send(argv, on: lease, cancellation)
        } catch where error.kind == .cancelled {
            // Cancelled before the write: the connection is clean and nothing was sent.
            client.pool.release(lease, .reuse)
            throw Self.cancelled(argv, afterSend: false, safe: true)
        } catch {
            let cancelled = cancellation?.isCancelled == true
            client.pool.release(lease, .close(cancelled ? .cancelled : .error))
            if cancelled { throw Self.cancelled(argv, afterSend: true, safe: client.catalog.isSafeToResend(argv)) }
            return .failed(.afterSend(error))
        }
        if case .selects(let database) = effect, !reply.isError {
            self.database = database
            lease.connection.database = database
        }
        // A cancel that raced the reply may have shut the socket down: never pool it then.
        let closes = effect == .closesAfter || cancellation?.isCancelled == true
        client.pool.release(lease, closes ? .close(effect == .closesAfter ? .stateful : .cancelled) : .reuse)
        if let refusal = Self.refusal(in: reply, for: argv) { return .refused(refusal, reply) }
        return .reply(reply)
    }

    /// A pooled connection switched to the session's database. A failed switch means the
    /// command was never sent.
    func acquireReady(_ cancellation: CancellationToken?) throws(ConsoleError) -> PooledConnection {
        let lease = try client.pool.acquire(cancellation: cancellation)
        client.learnCommandFlagsOnce()
        if cancellation?.isCancelled == true {
            client.pool.release(lease, .reuse)
            throw ConsoleError(.cancelled, "not executed: cancelled before it was sent", hint: "nothing was sent")
        }
        guard lease.connection.database != database else { return lease }
        do throws(ConsoleError) {
            let reply = try lease.connection.request(["SELECT", String(database)])
            guard !reply.isError else {
                client.pool.release(lease, .reuse)
                throw ConsoleError(.server, "the server refused to switch to database \(database): \(reply.text ?? "")",
                                   hint: "not executed; SELECT a database that exists")
            }
            lease.connection.database = database
            return lease
        } catch where error.kind != .server {
            client.pool.release(lease, .close(.error))
            throw error
        }
    }

    /// Opening connections is retried (refused, timeouts) like any command never sent.
    func acquireWithRetries(_ cancellation: CancellationToken?) throws(ConsoleError) -> PooledConnection {
        var attempt = 0
        while true {
            do {
                return try acquireReady(cancellation)
            } catch {
                let failure: AttemptFailure = error.kind == .poolExhausted ? .poolExhausted(error) : .notSent(error)
                guard RetryDecision.decide(failure, safeToResend: true, retriesDone: attempt, retryLimit: client.retry.retries) == .retry else {
                    throw error
                }
                let delay = client.backoffDelay(retry: attempt)
                attempt += 1
                client.events.record(.retry, "retry \(attempt)/\(client.retry.retries) to connect in \(Figures.decimal(delay, places: 2)) s: \(error.message)")
                guard RedisClient.sleep(delay, cancellation: cancellation) else {
                    throw ConsoleError(.cancelled, "not executed: cancelled while waiting to reconnect", hint: "nothing was sent")
                }
            }
        }
    }

    // MARK: held connections

    private func runHeld(_ argv: [[UInt8]], _ effect: SessionEffect, _ cancellation: CancellationToken?) throws(ConsoleError) -> RESPValue {
        let lease: PooledConnection
        if let held {
            // Closed by the server while the user paused (restart, CLIENT KILL, timeout): the
            // command was not sent, but what the connection carried is gone.
            guard held.connection.idleState() == .quiet else { throw lostWhileIdle() }
            lease = held
        } else {
            lease = try acquireWithRetries(cancellation)
        }
        held = lease
        let reply: RESPValue
        do {
            reply = try send(argv, on: lease, cancellation)
        } catch where error.kind == .cancelled {
            if state.hold == nil { drop(.reuse) }  // nothing was sent; a fresh lease goes back clean
            throw error
        } catch {
            let lost = state.hold.map { " (the \($0 == .transaction ? "transaction" : "session state") on that connection was lost)" } ?? ""
            drop(.close(cancellation?.isCancelled == true ? .cancelled : .error))
            let words = CommandOutcome.outcomeUnknown.error(for: .afterSend(error), retries: 0)
            throw ConsoleError(words.kind, words.message + lost, hint: words.hint, cause: words.cause)
        }
        let outcome = state.record(effect, name: Self.name(argv), reply: reply)
        if case .selected(let database) = outcome.database {
            self.database = database
            lease.connection.database = database
        }
        if outcome.next == .release {
            held = nil
            client.pool.release(lease, .reuse)
        }
        return reply
    }

    private func lostWhileIdle() -> ConsoleError {
        let what = state.hold == .transaction ? "the transaction (MULTI/WATCH) on it is lost; start it again"
            : "the AUTH, HELLO or CLIENT TRACKING state on it is lost; set it again"
        drop(.close(.stale))
        return ConsoleError(.io, "not executed: the server closed the connection this session held (restart, CLIENT KILL or timeout)",
                            hint: what)
    }

    private func drop(_ disposition: PoolStateMachine.Disposition) {
        guard let lease = held else { return }
        held = nil
        if disposition != .reuse { state.connectionLost() }
        client.pool.release(lease, disposition)
    }

    // MARK: sending

    /// Sends with the command's own timeout, records its latency, and lets `cancel` interrupt it.
    private func send(_ argv: [[UInt8]], on lease: PooledConnection, _ cancellation: CancellationToken?) throws(ConsoleError) -> RESPValue {
        let timeout = CommandTimeout.of(argv, operationTimeout: client.factory.settings.operationTimeout)
        let start = Deadline.now()
        let reply = try interruptible(lease, cancellation) { () throws(ConsoleError) in
            try lease.connection.request(argv, timeout: timeout)
        }
        client.latency.record(command: argv[0], seconds: Deadline.seconds(since: start), at: WallClock.now())
        return reply
    }

    /// Runs `body` with `cancel` wired to interrupt the connection. Throws a `.cancelled` error,
    /// before anything is sent, when the token was already cancelled.
    func interruptible<T>(_ lease: PooledConnection, _ cancellation: CancellationToken?,
                                  _ body: () throws(ConsoleError) -> T) throws(ConsoleError) -> T {
        guard let cancellation else { return try body() }
        // The handler only calls `interrupt`, which shuts the socket down under the socket's own
        // lock and is safe from any thread.
        let box = UncheckedBox(lease.connection)
        guard cancellation.setHandler({ box.value.interrupt() }) else {
            throw ConsoleError(.cancelled, "not executed: cancelled before it was sent", hint: "nothing was sent")
        }
        defer { cancellation.clearHandler() }
        return try body()
    }

    /// An error reply that means "not run". A script's own error reply can say anything
    /// (`redis.error_reply('BUSY x')` after it wrote), so for scripts only the server's exact
    /// words count.
    static func refusal(in reply: RESPValue, for argv: [[UInt8]]) -> String? {
        guard let reason = RetryDecision.refusal(in: reply) else { return nil }
        guard ["EVAL", "EVALSHA", "FCALL"].contains(name(argv)) else { return reason }
        let serverWords = ["LOADING Redis is loading the dataset in memory", "BUSY Redis is busy running a script"]
        return serverWords.contains { reason.hasPrefix($0) } ? reason : nil
    }

    /// `AUTH password` or `AUTH user password` equal to what the connections were opened with.
    static func isAuthWithConfiguredCredentials(_ argv: [[UInt8]], _ settings: ConnectionSettings) -> Bool {
        guard name(argv) == "AUTH", let password = settings.password?.reveal() else { return false }
        let words = argv.dropFirst().map { String(decoding: $0, as: UTF8.self) }
        switch words.count {
        case 1: return settings.username == nil && words[0] == password
        case 2: return words[0] == (settings.username ?? "default") && words[1] == password
        default: return false
        }
    }

    /// Ctrl-C (or a caller's own deadline) stopped the command.
    static func cancelled(_ argv: [[UInt8]], afterSend: Bool, safe: Bool) -> ConsoleError {
        guard afterSend, !safe else {
            return ConsoleError(.cancelled, "not executed: \(name(argv)) was cancelled",
                                hint: afterSend ? "it only reads, so nothing changed" : "nothing was sent")
        }
        return ConsoleError(.cancelled, "outcome unknown: the command may have run on the server: \(name(argv)) was cancelled after it was sent",
                            hint: "check the data before running it again: it may already have been applied")
    }

    static func name(_ argv: [[UInt8]]) -> String {
        argv.first.map { String(decoding: $0, as: UTF8.self).uppercased() } ?? ""
    }
}

