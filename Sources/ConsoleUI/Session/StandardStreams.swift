import Glibc

/// The process's stdout and stderr, unbuffered so streamed messages appear at once.
public final class StandardStreams: OutputSink {
    public init() {}

    public func write(_ bytes: [UInt8], to destination: OutputDestination) {
        let fd: Int32 = destination == .stdout ? STDOUT_FILENO : STDERR_FILENO
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }  // stdout closed (e.g. `| head`): nothing left to do
            offset += written
        }
    }

    public func writeLine(_ text: String, to destination: OutputDestination) {
        write(Array((text + "\n").utf8), to: destination)
    }

    public static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    public static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// All of stdin, for `-x`.
    public static func readAllInput() -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = Glibc.read(STDIN_FILENO, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }
}

/// Reads stdin (or `input`) line by line (bytes, without the newline), for piped commands.
public final class LineReader {
    private var buffer: [UInt8] = []
    private var finished = false
    private let input: Int32

    public init(input: Int32 = STDIN_FILENO) {
        self.input = input
    }

    public func next() -> [UInt8]? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0a) {
                var line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.last == 0x0d { line.removeLast() }
                return line
            }
            if finished {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = [] }
                return buffer
            }
            var chunk = [UInt8](repeating: 0, count: 16 * 1024)
            let count = Glibc.read(input, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { finished = true } else { buffer.append(contentsOf: chunk[0..<count]) }
        }
    }
}
