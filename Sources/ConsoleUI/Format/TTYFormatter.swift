import ConnCore

/// redis-cli.c `cliFormatReplyTTY`: the human-readable form used when stdout is a terminal
/// (or with `--no-raw`).
enum TTYFormatter {
    static func format(_ reply: RESPValue) -> [UInt8] {
        var out: [UInt8] = []
        append(reply, prefix: [], to: &out)
        return out
    }

    /// `prefix` is the indentation of the enclosing array's elements after the first line.
    private static func append(_ reply: RESPValue, prefix: [UInt8], to out: inout [UInt8]) {
        switch reply {
        case .error(let bytes):
            // printf("(error) %s\n"): the text stops at the first NUL.
            out += Array("(error) ".utf8)
            out += ByteEscaping.cString(bytes)
            out.append(0x0a)
        case .simpleString(let bytes):
            // Status replies are printed bare (no quotes, no escaping), via strlen.
            out += ByteEscaping.cString(bytes)
            out.append(0x0a)
        case .integer(let value):
            out += Array("(integer) ".utf8)
            ByteEscaping.appendDecimal(value, to: &out)
            out.append(0x0a)
        case .bulkString(let bytes):
            ByteEscaping.appendRepr(bytes, to: &out)
            out.append(0x0a)
        case .null:
            out += Array("(nil)\n".utf8)
        case .array(let elements) where elements.isEmpty:
            out += Array("(empty array)\n".utf8)
        case .array(let elements):
            appendArray(elements, prefix: prefix, to: &out)
        }
    }

    /// Each element is `N) ` with N right-aligned to the width of the element count; nested
    /// arrays start on their parent's line and indent their later lines by the parent's
    /// prefix plus that width + 2 (the width of `N) `).
    private static func appendArray(_ elements: [RESPValue], prefix: [UInt8], to out: inout [UInt8]) {
        let width = String(elements.count).utf8.count
        let childPrefix = prefix + [UInt8](repeating: 0x20, count: width + 2)
        for (offset, element) in elements.enumerated() {
            // The first element goes right after the parent's own `N) `, so it gets no prefix.
            if offset > 0 { out += prefix }
            let index = Array(String(offset + 1).utf8)
            out += [UInt8](repeating: 0x20, count: width - index.count)
            out += index
            out += Array(") ".utf8)
            append(element, prefix: childPrefix, to: &out)
        }
    }
}
