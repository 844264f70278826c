/// The three string encodings redis-cli 7.0.15 uses when it prints replies. Pure byte
/// transformations: replies are binary, so nothing here goes through `String`.
enum ByteEscaping {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// sds.c `sdscatrepr`: the bytes in double quotes, `\\ \" \n \r \t \a \b` escaped, printable
    /// ASCII (0x20...0x7e, C locale `isprint`) as is, every other byte as lower-case `\xhh`.
    /// Used by tty mode for bulk strings and by CSV for every string.
    static func appendRepr(_ bytes: [UInt8], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): out += [0x5c, 0x5c]
            case UInt8(ascii: "\""): out += [0x5c, UInt8(ascii: "\"")]
            case 0x0a: out += [0x5c, UInt8(ascii: "n")]
            case 0x0d: out += [0x5c, UInt8(ascii: "r")]
            case 0x09: out += [0x5c, UInt8(ascii: "t")]
            case 0x07: out += [0x5c, UInt8(ascii: "a")]
            case 0x08: out += [0x5c, UInt8(ascii: "b")]
            case 0x20...0x7e: out.append(byte)
            default: appendHex(byte, prefix: [0x5c, UInt8(ascii: "x")], width: 2, to: &out)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// redis-cli.c `escapeJsonString` (--json): `\\ \" \n \f \r \t \b` escaped, the other bytes
    /// below 0x20 as `\u00hh` (lower-case), and 0x7f and every byte >= 0x80 passed through
    /// unchanged (redis-cli assumes UTF-8 and does not validate it).
    static func appendJSONString(_ bytes: [UInt8], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""): out += [0x5c, byte]
            case 0x0a: out += [0x5c, UInt8(ascii: "n")]
            case 0x0c: out += [0x5c, UInt8(ascii: "f")]
            case 0x0d: out += [0x5c, UInt8(ascii: "r")]
            case 0x09: out += [0x5c, UInt8(ascii: "t")]
            case 0x08: out += [0x5c, UInt8(ascii: "b")]
            case 0x00...0x1f: appendHex(byte, prefix: Array("\\u".utf8), width: 4, to: &out)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// redis-cli.c `jsonStringOutput` in quoted mode (--quoted-json): the `sdscatrepr` form with
    /// every backslash doubled. Quotes inside the repr are NOT re-escaped, so a value containing
    /// `"` yields `\\"` and the output is not valid JSON; redis-cli 7.0.15 really prints that.
    static func appendQuotedJSONString(_ bytes: [UInt8], to out: inout [UInt8]) {
        var repr: [UInt8] = []
        repr.reserveCapacity(bytes.count + 2)
        appendRepr(bytes, to: &repr)
        for byte in repr {
            if byte == 0x5c { out += [0x5c, 0x5c] } else { out.append(byte) }
        }
    }

    /// The bytes before the first NUL. redis-cli prints error replies everywhere, and status
    /// replies in tty mode, through C string functions (`%s`, `strlen`), which stop there.
    static func cString(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        guard let nul = bytes.firstIndex(of: 0) else { return bytes[...] }
        return bytes[..<nul]
    }

    static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        out += Array(String(value).utf8)
    }

    static func appendHex(_ byte: UInt8, prefix: [UInt8], width: Int, to out: inout [UInt8]) {
        out += prefix
        for _ in 0..<(width - 2) { out.append(UInt8(ascii: "0")) }
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0x0f)])
    }
}
