/// One `SLOWLOG GET` entry: `[id, unix time, microseconds, [argv...], client address, client name]`
/// (the last two since Redis 4).
public struct SlowlogEntry: Sendable, Equatable {
    public var id: Int64
    public var time: Int64
    public var microseconds: Int64
    public var arguments: [String]
    public var client: String?

    public init(id: Int64, time: Int64, microseconds: Int64, arguments: [String], client: String? = nil) {
        self.id = id
        self.time = time
        self.microseconds = microseconds
        self.arguments = arguments
        self.client = client
    }

    /// nil when the reply is not a SLOWLOG GET array; malformed entries are left out.
    public static func parse(_ reply: RESPValue) -> [SlowlogEntry]? {
        guard case .array(let entries) = reply else { return nil }
        return entries.compactMap { entry in
            guard case .array(let parts) = entry, parts.count >= 4,
                  case .integer(let id) = parts[0], case .integer(let time) = parts[1],
                  case .integer(let micros) = parts[2], case .array(let argv) = parts[3] else { return nil }
            let client = parts.count > 4 ? parts[4].text.flatMap { $0.isEmpty ? nil : $0 } : nil
            return SlowlogEntry(id: id, time: time, microseconds: micros, arguments: argv.compactMap(\.text), client: client)
        }
    }

    /// The command as one line, the password taken out, shortened to `limit` characters.
    public func commandLine(removing secret: Secret?, limit: Int = 100) -> String {
        let line = Redaction.removing(secret, from: arguments.joined(separator: " "))
        return line.count > limit ? String(line.prefix(limit - 3)) + "..." : line
    }
}
