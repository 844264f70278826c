import ConnCore

/// What the console needs from the connection layer: run a command, read a pushed message.
/// `DirectClient` is one; tests and later the pool provide others.
public protocol CommandExecutor: AnyObject {
    func execute(_ argv: [[UInt8]]) throws(ConsoleError) -> RESPValue
    /// The next message of a SUBSCRIBE or MONITOR stream.
    func nextPushed() throws(ConsoleError) -> RESPValue
}

extension DirectClient: CommandExecutor {}

extension ClientSession: CommandExecutor {
    public func execute(_ argv: [[UInt8]]) throws(ConsoleError) -> RESPValue {
        try execute(argv, cancellation: nil)
    }

    public func nextPushed() throws(ConsoleError) -> RESPValue {
        try nextPushed(timeout: .forever, cancellation: nil)
    }
}

/// Where output goes: stdout and stderr in the product, buffers in tests.
public protocol OutputSink: AnyObject {
    func write(_ bytes: [UInt8], to destination: OutputDestination)
    /// The REPL's `clear`: a terminal clears its screen, the dashboard its scrollback.
    func clearScreen()
}

extension OutputSink {
    public func clearScreen() {
        write(Array("\u{1b}[H\u{1b}[2J".utf8), to: .stdout)
    }

    /// An error of ours (not a reply): on stderr, with its fix.
    func report(_ error: ConsoleError) {
        write(Array("Error: \(error.description)\n".utf8), to: .stderr)
    }
}
