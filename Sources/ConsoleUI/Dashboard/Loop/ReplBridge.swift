import ConnCore

/// What the REPL's worker thread tells the UI thread.
public enum ReplMessage: Sendable {
    case output([String])
    case clear
    /// The REPL waits for a line at `prompt`.
    case ready(prompt: String)
    /// A line for the editor's in-memory history.
    case remember(String)
    case status(ReplStatus)
    case finished(Int32)
}

/// The REPL, running on a worker thread, sees a line source and an output sink; the dashboard's
/// UI thread sees a mailbox it drains on its tick and a way to hand over typed lines. Only this
/// type's lock is shared between the two threads: ncurses and libedit stay on the UI thread.
public final class ReplBridge: LineSource, OutputSink, @unchecked Sendable {
    private struct State {
        var messages: [ReplMessage] = []
        var partialLine: [UInt8] = []
        var typed: [LineInput] = []
        var closed = false
    }

    private let lock = ConditionLock()
    private var state = State()

    public init() {}

    // MARK: the REPL's side (worker thread)

    public func readLine(prompt: String) -> LineInput {
        lock.withLock {
            state.messages.append(.ready(prompt: prompt))
            while state.typed.isEmpty, !state.closed { lock.wait(until: Deadline(nanoseconds: .max)) }
            return state.typed.isEmpty ? .endOfFile : state.typed.removeFirst()
        }
    }

    public func remember(_ line: String) {
        post(.remember(line))
    }

    /// Bytes become lines at each newline; a line without its newline yet waits for the rest.
    public func write(_ bytes: [UInt8], to destination: OutputDestination) {
        lock.withLock {
            var lines: [String] = []
            for byte in bytes {
                if byte == 0x0a {
                    if state.partialLine.last == 0x0d { state.partialLine.removeLast() }
                    lines.append(String(decoding: state.partialLine, as: UTF8.self))
                    state.partialLine.removeAll(keepingCapacity: true)
                } else {
                    state.partialLine.append(byte)
                }
            }
            if !lines.isEmpty { state.messages.append(.output(lines)) }
        }
    }

    public func clearScreen() {
        lock.withLock {
            state.partialLine.removeAll()
            state.messages.append(.clear)
        }
    }

    public func post(_ message: ReplMessage) {
        lock.withLock { state.messages.append(message) }
    }

    // MARK: the UI's side

    /// From now on every `readLine` answers Ctrl-D at once: the console is ending, whatever the
    /// REPL asks next (a confirmation, the prompt after it).
    public func close() {
        lock.withLock {
            state.closed = true
            lock.broadcast()
        }
    }

    /// Everything posted since the last call, in order.
    public func drain() -> [ReplMessage] {
        lock.withLock {
            let drained = state.messages
            state.messages = []
            return drained
        }
    }

    /// A line (or Ctrl-D) for the REPL's next `readLine`.
    public func submit(_ input: LineInput) {
        lock.withLock {
            state.typed.append(input)
            lock.broadcast()
        }
    }
}
