import Glibc

/// Reads the terminal for libedit's EL_GETCFN, one Unicode scalar at a time. Reading ourselves
/// (instead of libedit's builtin read) lets the editor act between keys: draw or erase the
/// hint, and notice a resize without a process-wide SIGWINCH handler.
struct TerminalKeys {
    enum Key {
        case scalar(Unicode.Scalar)
        case endOfInput
        case failure(Int32)
    }

    let fd: Int32
    /// How often `whileIdle` runs while no key comes, in milliseconds.
    let idleInterval: Int32 = 250

    /// True when a key (or the rest of an escape sequence) is already waiting.
    func hasPendingInput() -> Bool {
        var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, 0) > 0
    }

    /// Blocks for the next key; `whileIdle` runs on the reading thread every `idleInterval`.
    func next(whileIdle: () -> Void) -> Key {
        while true {
            var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, idleInterval)
            if ready == 0 { whileIdle(); continue }
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 { return .failure(errno) }
            return readScalar()
        }
    }

    /// Decodes UTF-8 as libedit's builtin reader does: invalid bytes are dropped.
    private func readScalar() -> Key {
        do throws(ReadStopped) {
            var lead = try readByte()
            while true {
                let length = Self.sequenceLength(lead)
                if length == 1 { return .scalar(Unicode.Scalar(lead)) }
                var bytes = [lead]
                var interrupting: UInt8? = nil  // a byte that starts a new character early
                while length > 1 && bytes.count < length {
                    let byte = try readByte()
                    if byte & 0xC0 != 0x80 { interrupting = byte; break }
                    bytes.append(byte)
                }
                if interrupting == nil && length > 1 {
                    var iterator = bytes.makeIterator()
                    var decoder = UTF8()
                    if case .scalarValue(let scalar) = decoder.decode(&iterator) { return .scalar(scalar) }
                }
                if let interrupting { lead = interrupting } else { lead = try readByte() }
            }
        } catch {
            return error.key
        }
    }

    private struct ReadStopped: Error { let key: Key }

    private func readByte() throws(ReadStopped) -> UInt8 {
        var byte: UInt8 = 0
        while true {
            let count = read(fd, &byte, 1)
            if count == 1 { return byte }
            if count == 0 { throw ReadStopped(key: .endOfInput) }
            if errno != EINTR { throw ReadStopped(key: .failure(errno)) }
        }
    }

    /// Bytes in the sequence `lead` starts; 0 for a byte that cannot start one.
    static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
    }
}
