/// A command the load generator can send. Each works on keys of its own type under
/// `LoadKeys.prefix`, so a mix never meets WRONGTYPE and never touches a user's keys.
public enum LoadCommand: String, Sendable, CaseIterable, Comparable {
    case get = "GET", set = "SET", incr = "INCR", lpush = "LPUSH", rpop = "RPOP"
    case hget = "HGET", hset = "HSET", ping = "PING"

    public static func < (lhs: LoadCommand, rhs: LoadCommand) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Whether the command changes data (refused by the production profile).
    public var writes: Bool {
        switch self {
        case .set, .incr, .lpush, .rpop, .hset: return true
        case .get, .hget, .ping: return false
        }
    }

    /// The argv for key number `key`; `value` is the payload of SET, LPUSH and HSET.
    public func argv(key: Int, value: [UInt8]) -> [[UInt8]] {
        let name = Array(rawValue.utf8)
        switch self {
        case .get: return [name, LoadKeys.string(key)]
        case .set: return [name, LoadKeys.string(key), value]
        case .incr: return [name, LoadKeys.counter(key)]
        case .lpush: return [name, LoadKeys.list(key), value]
        case .rpop: return [name, LoadKeys.list(key)]
        case .hget: return [name, LoadKeys.hash(key), LoadKeys.field]
        case .hset: return [name, LoadKeys.hash(key), LoadKeys.field, value]
        case .ping: return [name]
        }
    }

    /// `GET,SET,incr`: names separated by commas, any case, repeats ignored, order kept.
    /// An unknown name is refused with the list of known ones.
    public static func parseList(_ text: String, origin: String) throws(ConsoleError) -> [LoadCommand] {
        let known = allCases.map(\.rawValue).joined(separator: ",")
        var commands: [LoadCommand] = []
        for word in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = word.trimmingSpaces().uppercased()
            guard let command = LoadCommand(rawValue: name) else {
                let what = name.isEmpty ? "an empty command name" : "unknown command '\(word)'"
                throw ConsoleError(.usage, "\(origin): \(what); the load generator knows \(known)",
                                   hint: "give a comma-separated list of those, e.g. \(origin) GET,SET")
            }
            if !commands.contains(command) { commands.append(command) }
        }
        return commands
    }
}

/// Where the load generator's keys live: `load:key:<n>` for strings, `load:counter:<n>`,
/// `load:list:<n>` and `load:hash:<n>`, all under one prefix no other part of the product uses.
public enum LoadKeys {
    public static let prefix = "load:"
    static let field: [UInt8] = Array("field".utf8)

    static func string(_ n: Int) -> [UInt8] { Array("load:key:\(n)".utf8) }
    static func counter(_ n: Int) -> [UInt8] { Array("load:counter:\(n)".utf8) }
    static func list(_ n: Int) -> [UInt8] { Array("load:list:\(n)".utf8) }
    static func hash(_ n: Int) -> [UInt8] { Array("load:hash:\(n)".utf8) }
}

private extension Substring {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
