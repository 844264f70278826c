import ConnCore

extension CommandDocs {
    /// Reads the RESP2 reply of `COMMAND DOCS` or `COMMAND DOCS name ...`: an array alternating a
    /// command name and its documentation, itself a flat array of field/value pairs (summary,
    /// since, group, complexity, history, doc_flags, arguments, subcommands, ...). Keys are the
    /// lower-case names the server used: "set", "client", or "client|list" when a subcommand was
    /// asked for by itself. Unknown fields are ignored and malformed entries skipped: another
    /// server version must not break the console. Names the server does not know are simply
    /// absent (7.0 leaves them out of the reply).
    public static func parse(commandDocsReply reply: RESPValue) -> [String: CommandDoc] {
        var docs: [String: CommandDoc] = [:]
        for (name, value) in pairs(reply) {
            if let doc = commandDoc(serverName: name, value) { docs[name.lowercased()] = doc }
        }
        return docs
    }

    /// "client|list" -> CLIENT LIST.
    private static func commandDoc(serverName: String, _ value: RESPValue) -> CommandDoc? {
        guard case .array = value else { return nil }
        var summary = "", since = "", group = ""
        var complexity: String?
        var arguments: [CommandArgument] = []
        var subcommands: [String: CommandDoc] = [:]
        for (field, value) in pairs(value) {
            switch field {
            case "summary": summary = value.text ?? ""
            case "since": since = value.text ?? ""
            case "group": group = value.text ?? ""
            case "complexity": complexity = value.text
            case "arguments": arguments = list(value).compactMap(argument)
            case "subcommands":
                for (subName, subValue) in pairs(value) {
                    guard let sub = commandDoc(serverName: subName, subValue) else { continue }
                    let key = subName.split(separator: "|", maxSplits: 1).last.map(String.init) ?? subName
                    subcommands[key.lowercased()] = sub
                }
            default: break
            }
        }
        return CommandDoc(name: String(serverName.uppercased().map { $0 == "|" ? " " : $0 }),
                          summary: summary, since: since, group: group, complexity: complexity,
                          arguments: arguments, subcommands: subcommands)
    }

    private static func argument(_ value: RESPValue) -> CommandArgument? {
        guard case .array = value else { return nil }
        var argument = CommandArgument(name: "", type: "")
        for (field, value) in pairs(value) {
            switch field {
            case "name": argument.name = value.text ?? ""
            case "type": argument.type = value.text ?? ""
            case "token": argument.token = value.text
            case "arguments": argument.arguments = list(value).compactMap(Self.argument)
            case "flags":
                let flags = Set(list(value).compactMap(\.text))
                argument.isOptional = flags.contains("optional")
                argument.isMultiple = flags.contains("multiple")
                argument.isMultipleToken = flags.contains("multiple_token")
            default: break
            }
        }
        return argument
    }

    private static func list(_ value: RESPValue) -> [RESPValue] {
        if case .array(let elements) = value { return elements }
        return []
    }

    /// A flat RESP2 map: [key, value, key, value, ...]; pairs whose key is not a string are
    /// skipped, a trailing odd element is ignored.
    private static func pairs(_ value: RESPValue) -> [(String, RESPValue)] {
        let elements = list(value)
        return stride(from: 0, to: elements.count - 1, by: 2).compactMap { index in
            elements[index].text.map { ($0, elements[index + 1]) }
        }
    }
}
