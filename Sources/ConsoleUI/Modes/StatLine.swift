/// `--stat`: redis-cli's `statMode` rows, computed from one INFO reply. Pure; the driver keeps
/// the previous request count and the row number.
public struct StatLine: Sendable, Equatable {
    /// Printed before the first row and every 20 rows after it.
    public static let header =
        "------- data ------ --------------------- load -------------------- - child -\n" +
        "keys       mem      clients blocked requests            connections          \n"
    public static let rowsPerHeader = 20

    /// `total_commands_processed` of the previous row (0 before the first: redis-cli prints +0).
    public private(set) var previousRequests: Int64 = 0
    public private(set) var rows = 0

    public init() {}

    /// The header when one is due, then the row (with its newline).
    public mutating func render(info: String) -> String {
        var out = rows % Self.rowsPerHeader == 0 ? Self.header : ""
        rows += 1
        var keys: Int64 = 0
        for db in 0..<20 { keys += Self.field(info, "db\(db):keys") ?? 0 }
        out += CFormat.leftAligned(String(keys), 11)
        out += CFormat.leftAligned(Self.bytesToHuman(Self.field(info, "used_memory") ?? Self.missing), 8)
        out += " " + CFormat.leftAligned(String(Self.field(info, "connected_clients") ?? Self.missing), 8)
        out += CFormat.leftAligned(String(Self.field(info, "blocked_clients") ?? Self.missing), 8)
        let requests = Self.field(info, "total_commands_processed") ?? Self.missing
        let delta = previousRequests == 0 ? 0 : requests &- previousRequests
        out += CFormat.leftAligned("\(requests) (+\(delta))", 19)
        previousRequests = requests
        out += " " + CFormat.leftAligned(String(Self.field(info, "total_connections_received") ?? Self.missing), 12)
        let bgsave = Self.field(info, "bgsave_in_progress") ?? Self.missing
        let aof = Self.field(info, "aof_rewrite_in_progress") ?? Self.missing
        let loading = Self.field(info, "loading") ?? Self.missing
        switch bgsave | (aof << 1) | (loading << 2) {
        case 1: out += "SAVE"
        case 2: out += "AOF"
        case 3: out += "SAVE+AOF"
        case 4: out += "LOAD"
        default: break
        }
        return out + "\n"
    }

    /// redis-cli's `LONG_MIN` for a field the server did not report.
    static let missing = Int64.min

    /// redis-cli's `getInfoField`: the first occurrence of `name` anywhere in the text, the
    /// value after the next byte, up to `\r` or `,`; parsed like `strtol` (leading digits).
    static func field(_ info: String, _ name: String) -> Int64? {
        let text = Array(info.utf8), needle = Array(name.utf8)
        guard !needle.isEmpty, text.count >= needle.count else { return nil }
        guard let start = (0...(text.count - needle.count)).first(where: { text[$0..<($0 + needle.count)].elementsEqual(needle) })
        else { return nil }
        var index = start + needle.count + 1
        var negative = false
        if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        var number: Int64 = 0
        while index < text.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[index]) {
            number = number &* 10 &+ Int64(text[index] - UInt8(ascii: "0"))
            index += 1
        }
        return negative ? -number : number
    }

    /// redis-cli's `bytesToHuman`: `100B`, `1.35M`, `2.00G` (negative with a leading `-`).
    public static func bytesToHuman(_ value: Int64) -> String {
        if value == missing { return "-" + bytesToHuman(Int64.max) }
        if value < 0 { return "-" + bytesToHuman(-value) }
        let units: [(Double, String)] = [(1024, "K"), (1024 * 1024, "M"), (1024 * 1024 * 1024, "G"),
                                         (1024.0 * 1024 * 1024 * 1024, "T"), (1024.0 * 1024 * 1024 * 1024 * 1024, "P")]
        if value < 1024 { return "\(value)B" }
        for (index, unit) in units.enumerated() where index == units.count - 1 || Double(value) < unit.0 * 1024 {
            return CFormat.percent2f(Double(value) / unit.0) + unit.1
        }
        return "\(value)B"
    }
}
