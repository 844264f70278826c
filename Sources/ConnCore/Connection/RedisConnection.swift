/// One connection to Redis: a byte stream (plain or TLS) plus a RESP decoder. Any timeout,
/// I/O error or protocol error breaks it for good: a late reply must never be read as the
/// answer to the next command.
public final class RedisConnection {
    public let settings: ConnectionSettings
    public let tls: TLSSessionInfo?
    public private(set) var isBroken = false
    /// The database this connection has selected: the handshake's, then each accepted SELECT.
    public internal(set) var database: Int
    let stream: ByteStream
    let decoder: RESPDecoder
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)

    init(stream: ByteStream, settings: ConnectionSettings, tls: TLSSessionInfo?, limits: ReplyLimits) {
        self.stream = stream
        self.settings = settings
        self.tls = tls
        self.decoder = RESPDecoder(limits: limits)
        self.database = settings.database
    }

    deinit {
        stream.close()
        readBuffer.deallocate()
    }

    public var endpoint: String { stream.peerDescription }

    /// Sends one command and waits for its reply until `timeout` seconds (default: the
    /// operation timeout). An error *reply* is a value, not a thrown error.
    public func request(_ argv: [[UInt8]], timeout: CommandTimeout? = nil) throws(ConsoleError) -> RESPValue {
        try pipeline([argv], timeout: timeout)[0]
    }

    public func request(_ argv: [String], timeout: CommandTimeout? = nil) throws(ConsoleError) -> RESPValue {
        try request(argv.map { Array($0.utf8) }, timeout: timeout)
    }

    /// Sends several commands in one write and reads their replies in order.
    public func pipeline(_ commands: [[[UInt8]]], timeout: CommandTimeout? = nil) throws(ConsoleError) -> [RESPValue] {
        let timeout = timeout ?? .seconds(settings.operationTimeout)
        let deadline = Deadline.after(timeout)
        try checkUsable()
        do {
            try stream.write(commands.flatMap { RESPEncoder.encode($0) }, deadline: deadline)
            var replies: [RESPValue] = []
            replies.reserveCapacity(commands.count)
            while replies.count < commands.count {
                replies.append(try readReply(deadline: deadline))
            }
            return replies
        } catch {
            throw breakConnection(error, timeout: timeout)
        }
    }

    /// Reads the next reply with no request of ours before it (SUBSCRIBE/MONITOR streams).
    public func nextPushed(timeout: CommandTimeout) throws(ConsoleError) -> RESPValue {
        try checkUsable()
        do {
            return try readReply(deadline: Deadline.after(timeout))
        } catch {
            throw breakConnection(error, timeout: timeout)
        }
    }

    /// Whether this idle connection can carry the next command: not broken, no reply left
    /// unread, not closed by the server while it sat in the pool. Never blocks.
    public func idleState() -> IdleStreamState {
        if isBroken { return .closed }
        if decoder.hasBufferedBytes { return .unexpectedData }
        return stream.idleState()
    }

    /// Makes a request blocked on another thread fail at once; the connection is then broken.
    public func interrupt() {
        stream.interrupt()
    }

    public func close() {
        isBroken = true
        stream.close()
    }

    /// The TLS session to offer on the next connection, if the stream is TLS.
    func resumableSession() -> TLSSessionHandle? {
        (stream as? TLSStream)?.resumableSession()
    }

    func checkUsable() throws(ConsoleError) {
        if isBroken {
            throw ConsoleError(.io, "the connection to \(endpoint) was closed after an earlier failure",
                               hint: "open a new connection")
        }
    }

    private func readReply(deadline: Deadline) throws(ConsoleError) -> RESPValue {
        while true {
            if let reply = try decoder.next() { return reply }
            let count = try stream.read(into: readBuffer, deadline: deadline)
            try decoder.feed(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
        }
    }

    /// Closes the connection and words the error as "outcome unknown" where the command may
    /// have reached the server.
    private func breakConnection(_ error: ConsoleError, timeout: CommandTimeout) -> ConsoleError {
        close()
        guard error.kind == .timeout, case .seconds(let seconds) = timeout else { return error }
        return ConsoleError(.timeout, "no reply from \(endpoint) within \(TLSFailure.format(seconds)) s; the connection was closed",
                            hint: "the command may have run on the server (outcome unknown); raise --timeout for slow commands",
                            cause: error.message)
    }
}
