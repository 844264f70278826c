import ConnCore

/// redis-cli.c `cliFormatReplyRaw`: the unescaped form used when stdout is not a terminal,
/// with `--raw`, and for the verbatim commands in every mode.
struct RawFormatter {
    /// `-d`: what separates the elements of an array (default `\n`).
    var bulkDelimiter: [UInt8]

    /// Without the per-reply delimiter (`-D`); the caller adds it, except for verbatim replies.
    func format(_ reply: RESPValue) -> [UInt8] {
        var out: [UInt8] = []
        append(reply, to: &out)
        return out
    }

    private func append(_ reply: RESPValue, to out: inout [UInt8]) {
        switch reply {
        case .null:
            break  // nil prints as nothing: an empty line once the delimiter is added.
        case .error(let bytes):
            // Full length (not cut at NUL), and always followed by `\n`, so a top-level error
            // ends in two newlines in raw mode ("ERR x\n\n") and one in verbatim mode.
            out += bytes
            out.append(0x0a)
        case .simpleString(let bytes), .bulkString(let bytes):
            out += bytes
        case .integer(let value):
            ByteEscaping.appendDecimal(value, to: &out)
        case .array(let elements):
            // Nested arrays are flattened: every leaf joined by the same delimiter, and an
            // empty array contributes an empty element.
            for (offset, element) in elements.enumerated() {
                if offset > 0 { out += bulkDelimiter }
                append(element, to: &out)
            }
        }
    }
}
