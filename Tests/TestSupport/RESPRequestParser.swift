/// Splits the bytes a client sends into commands, as redis reads them: multibulk
/// (`*2\r\n$3\r\nGET\r\n$1\r\nk\r\n`) or inline (`PING\r\n`). Incremental: feed chunks, take
/// the complete commands, keep the rest for the next chunk. Malformed input is a test bug,
/// reported as `.invalid`.
struct RESPRequestParser {
    enum Outcome: Equatable {
        case commands([[String]])
        case invalid(String)
    }

    private var buffer: [UInt8] = []

    mutating func feed(_ bytes: [UInt8]) -> Outcome {
        buffer += bytes
        var commands: [[String]] = []
        while true {
            switch parseOne() {
            case .complete(let command, let consumed):
                buffer.removeFirst(consumed)
                commands.append(command)
            case .incomplete:
                return .commands(commands)
            case .invalid(let reason):
                return .invalid(reason)
            }
        }
    }

    private enum Step {
        case complete([String], consumed: Int)
        case incomplete
        case invalid(String)
    }

    /// The index just past the next CRLF at or after `from`, and the line before it.
    private func line(from start: Int) -> (text: String, next: Int)? {
        var i = start
        while i + 1 < buffer.count {
            if buffer[i] == 13 && buffer[i + 1] == 10 {
                return (String(decoding: buffer[start..<i], as: UTF8.self), i + 2)
            }
            i += 1
        }
        return nil
    }

    private func parseOne() -> Step {
        guard let first = buffer.first else { return .incomplete }
        guard first == UInt8(ascii: "*") else {
            // Inline command: words separated by spaces up to the line end.
            guard let (text, next) = line(from: 0) else { return .incomplete }
            return .complete(text.split(separator: " ").map(String.init), consumed: next)
        }
        guard let (header, afterHeader) = line(from: 0) else { return .incomplete }
        guard let count = Int(header.dropFirst()), count >= 0, count < 1_000_000 else {
            return .invalid("bad multibulk header \(header)")
        }
        var position = afterHeader
        var arguments: [String] = []
        for _ in 0..<count {
            guard let (lengthLine, afterLength) = line(from: position) else { return .incomplete }
            guard lengthLine.first == "$", let length = Int(lengthLine.dropFirst()), length >= 0 else {
                return .invalid("bad bulk length \(lengthLine)")
            }
            guard buffer.count >= afterLength + length + 2 else { return .incomplete }
            arguments.append(String(decoding: buffer[afterLength..<afterLength + length], as: UTF8.self))
            position = afterLength + length + 2
        }
        return .complete(arguments, consumed: position)
    }
}
