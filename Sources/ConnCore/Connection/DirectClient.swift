/// Runs commands on one connection, opened on first use and opened again on the next command
/// after it broke. Never re-sends a command: a failure is reported to the caller, who decides.
public final class DirectClient {
    public let factory: ConnectionFactory
    public private(set) var connection: RedisConnection?

    public init(factory: ConnectionFactory) {
        self.factory = factory
    }

    /// Opens the connection now (redis-cli connects before the first command and exits 1 when
    /// it cannot).
    public func connect() throws(ConsoleError) {
        if let connection, !connection.isBroken { return }
        connection = try factory.connect()
    }

    /// Blocking commands wait for their own timeout plus a margin (`CommandTimeout`).
    public func execute(_ argv: [[UInt8]]) throws(ConsoleError) -> RESPValue {
        try connect()
        guard let connection else { throw ConsoleError(.io, "not connected") }
        return try connection.request(argv, timeout: CommandTimeout.of(argv, operationTimeout: factory.settings.operationTimeout))
    }

    /// The next message of a SUBSCRIBE or MONITOR stream; waits for ever.
    public func nextPushed() throws(ConsoleError) -> RESPValue {
        guard let connection else { throw ConsoleError(.io, "not connected") }
        return try connection.nextPushed(timeout: .forever)
    }

    public func close() {
        connection?.close()
        connection = nil
    }
}
