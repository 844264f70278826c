import ConnCore
import ConsoleUI
import Testing

/// Bytes from a string whose every scalar is <= U+00FF (Latin-1), so a literal such as
/// "\u{ff}" stands for the single byte 0xff: replies and redis-cli output are not UTF-8.
func b(_ latin1: String) -> [UInt8] {
    latin1.unicodeScalars.map { scalar in
        precondition(scalar.value <= 0xff, "not a byte: \(scalar)")
        return UInt8(scalar.value)
    }
}

/// One reply and what redis-cli 7.0.15 printed for it in each mode.
struct ReplyCase: Sendable, CustomTestStringConvertible {
    let name: String
    let reply: RESPValue
    let tty: [UInt8]
    let raw: [UInt8]
    let csv: [UInt8]
    let json: [UInt8]
    let quotedJSON: [UInt8]
    /// Output when the reply answers a verbatim command (INFO), in every mode.
    let verbatim: [UInt8]
    /// What `redis-cli -e` wrote to stderr (exiting 1), or nil when it printed normally.
    let exitOnErrorStderr: [UInt8]?

    init(_ name: String, _ reply: RESPValue, tty: String, raw: String, csv: String, json: String,
         quotedJSON: String, verbatim: String, exitOnErrorStderr: String?) {
        self.name = name
        self.reply = reply
        self.tty = b(tty)
        self.raw = b(raw)
        self.csv = b(csv)
        self.json = b(json)
        self.quotedJSON = b(quotedJSON)
        self.verbatim = b(verbatim)
        self.exitOnErrorStderr = exitOnErrorStderr.map(b)
    }

    var testDescription: String { name }

    func expected(_ style: ReplyStyle) -> [UInt8] {
        switch style {
        case .tty: tty
        case .raw: raw
        case .csv: csv
        case .json: json
        case .quotedJSON: quotedJSON
        }
    }
}

/// Readable failure messages: the bytes as redis-cli's own `\xhh` escaping would show them.
func show(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        (0x20...0x7e).contains(byte) && byte != 0x5c
            ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
    }.joined()
}
