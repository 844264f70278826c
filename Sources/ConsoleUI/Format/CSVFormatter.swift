import ConnCore

/// redis-cli.c `cliFormatReplyCSV` (--csv). Not RFC 4180: strings use the `sdscatrepr` escaping
/// (`\"`, `\xhh`), and nested arrays are flattened into the same row.
enum CSVFormatter {
    static func format(_ reply: RESPValue) -> [UInt8] {
        var out: [UInt8] = []
        append(reply, to: &out)
        return out
    }

    private static func append(_ reply: RESPValue, to out: inout [UInt8]) {
        switch reply {
        case .error(let bytes):
            // strlen: cut at the first NUL, unlike status and bulk strings.
            out += Array("ERROR,".utf8)
            ByteEscaping.appendRepr(Array(ByteEscaping.cString(bytes)), to: &out)
        case .simpleString(let bytes), .bulkString(let bytes):
            ByteEscaping.appendRepr(bytes, to: &out)
        case .integer(let value):
            ByteEscaping.appendDecimal(value, to: &out)
        case .null:
            out += Array("NULL".utf8)
        case .array(let elements):
            // An empty array is an empty field: `*0` alone prints an empty line.
            for (offset, element) in elements.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                append(element, to: &out)
            }
        }
    }
}
