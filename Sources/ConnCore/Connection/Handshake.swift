/// What a new connection says before the user's first command: AUTH (only ever after TLS
/// verification, which the stream did in its handshake), SELECT, CLIENT SETNAME, pipelined.
enum Handshake {
    static func commands(for settings: ConnectionSettings) -> [[String]] {
        var commands: [[String]] = []
        if let password = settings.password {
            commands.append(settings.username.map { ["AUTH", $0, password.reveal()] } ?? ["AUTH", password.reveal()])
        }
        if settings.database != 0 { commands.append(["SELECT", String(settings.database)]) }
        if let name = settings.clientName { commands.append(["CLIENT", "SETNAME", name]) }
        return commands
    }

    static func run(on connection: RedisConnection, settings: ConnectionSettings) throws(ConsoleError) {
        let commands = commands(for: settings)
        guard !commands.isEmpty else { return }
        let timeout = CommandTimeout.seconds(max(settings.operationTimeout, settings.connectTimeout))
        let replies = try connection.pipeline(commands.map { $0.map { Array($0.utf8) } }, timeout: timeout)
        try check(replies: replies, commands: commands, settings: settings, endpoint: connection.endpoint)
    }

    /// Reads the replies in order; the first refusal decides the error.
    static func check(replies: [RESPValue], commands: [[String]], settings: ConnectionSettings,
                      endpoint: String) throws(ConsoleError) {
        for (command, reply) in zip(commands, replies) {
            guard case .error(let bytes) = reply else { continue }
            let text = Redaction.removing(settings.password, from: String(decoding: bytes, as: UTF8.self))
            switch command[0] {
            case "AUTH":
                throw authenticationError(text, settings: settings, endpoint: endpoint)
            case "SELECT":
                if text.hasPrefix("NOAUTH") { throw missingPassword(endpoint, text) }
                throw ConsoleError(.server, "the server refused database \(settings.database): \(text)",
                                   hint: "choose a database number below the server's `databases` setting (-n, /db in the URL or REDIS_DB)")
            default:
                // CLIENT SETNAME is cosmetic: an ACL user may lack +client, which is no reason
                // to fail. NOAUTH is different: the server wants a password.
                if text.hasPrefix("NOAUTH") { throw missingPassword(endpoint, text) }
            }
        }
    }

    private static func authenticationError(_ text: String, settings: ConnectionSettings, endpoint: String) -> ConsoleError {
        let user = settings.username ?? "default"
        if text.hasPrefix("WRONGPASS") || text.contains("invalid password") || text.contains("invalid username-password") {
            return ConsoleError(.authentication, "authentication failed at \(endpoint): the server rejected user '\(user)' with this password",
                                hint: "check the password (REDISCLI_AUTH, --askpass or the URL) and the user (--user); ACL users also need `on` in their ACL rule",
                                cause: text)
        }
        if text.contains("without any password configured") {
            return ConsoleError(.authentication, "authentication failed at \(endpoint): the server has no password set, but one was given",
                                hint: "drop the password, or set `requirepass` (or an ACL user) on the server", cause: text)
        }
        return ConsoleError(.authentication, "authentication failed at \(endpoint): \(text)",
                            hint: "check the user and password", cause: text)
    }

    private static func missingPassword(_ endpoint: String, _ text: String) -> ConsoleError {
        ConsoleError(.authentication, "the server at \(endpoint) requires a password and none was given",
                     hint: "set REDISCLI_AUTH, use --askpass, or put the password in the URL (with --user for ACL users)",
                     cause: text)
    }
}
