/// Reply text on its way to a person's terminal: an ESC or other control byte from the server
/// (an error that echoes a command name, an INFO field, a CLIENT LIST entry) must not move the
/// cursor, recolour the screen or retitle the window. Control bytes become `\xHH`; newline, tab
/// and carriage return pass, since formatted replies and verbatim text use them.
public enum TerminalSafeText {
    public static func escapeControls(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: isUnsafe) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        for byte in bytes {
            guard isUnsafe(byte) else {
                out.append(byte)
                continue
            }
            ByteEscaping.appendHex(byte, prefix: Array("\\x".utf8), width: 2, to: &out)
        }
        return out
    }

    static func isUnsafe(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x0a && byte != 0x09 && byte != 0x0d) || byte == 0x7f
    }
}
