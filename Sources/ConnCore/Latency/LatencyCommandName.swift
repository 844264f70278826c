/// The key a command's latency is kept under: its first word in ASCII upper case, or "OTHER"
/// for a word no command has (empty, or longer than any command name).
enum LatencyCommandName {
    static let other = "OTHER"
    /// Redis's longest command name is 20 bytes, modules' are short too; counting longer words
    /// apart would keep a pasted blob in memory.
    static let longest = 64

    /// A name already upper case (callers mostly send "GET") is kept as it is: no new string.
    static func of(_ command: String) -> String {
        var command = command
        let rewritten: String? = command.withUTF8 { bytes in
            bytes.contains(where: isLowercase) || !isNameLength(bytes.count) ? of(bytes) : nil
        }
        return rewritten ?? command
    }

    /// Upper-cased once, straight into the new string (up to 15 bytes it needs no heap).
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard isNameLength(bytes.count) else { return other }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for index in bytes.indices {
                buffer[index] = isLowercase(bytes[index]) ? bytes[index] - 0x20 : bytes[index]
            }
            return bytes.count
        }
    }

    private static func isLowercase(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }

    private static func isNameLength(_ length: Int) -> Bool {
        length > 0 && length <= longest
    }
}
