import ConnCore

/// redis-cli.c `cliFormatReplyJson` (--json / --quoted-json) over RESP2 (`-2`). With RESP2 there
/// are no maps, so HGETALL and friends print as flat arrays.
struct JSONFormatter {
    /// --quoted-json: strings in `sdscatrepr` form with doubled backslashes.
    var quoted: Bool

    func format(_ reply: RESPValue) -> [UInt8] {
        var out: [UInt8] = []
        append(reply, to: &out)
        return out
    }

    private func append(_ reply: RESPValue, to out: inout [UInt8]) {
        switch reply {
        case .error(let bytes):
            // `error:"..."` is what redis-cli prints (not valid JSON); text cut at NUL (strlen).
            out += Array("error:".utf8)
            appendString(Array(ByteEscaping.cString(bytes)), to: &out)
        case .simpleString(let bytes), .bulkString(let bytes):
            appendString(bytes, to: &out)
        case .integer(let value):
            ByteEscaping.appendDecimal(value, to: &out)
        case .null:
            out += Array("null".utf8)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                append(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    private func appendString(_ bytes: [UInt8], to out: inout [UInt8]) {
        if quoted {
            ByteEscaping.appendQuotedJSONString(bytes, to: &out)
        } else {
            ByteEscaping.appendJSONString(bytes, to: &out)
        }
    }
}
