/// The REPL prompt, exactly as redis-cli 7.0.15 builds it (`cliRefreshPrompt`, `anetFormatAddr`):
/// the address, `[db]` when the database is not 0, then `(TX)` inside MULTI, then `> `. A host
/// containing `:` (IPv6) is bracketed. Without a connection redis-cli prints `not connected> `.
///
///     127.0.0.1:6379>    127.0.0.1:6379[2]>    127.0.0.1:6379[2](TX)>    [::1]:6379>
public enum PromptFormatter {
    public static let notConnected = "not connected> "

    public static func prompt(host: String, port: Int, database: Int, inTransaction: Bool, connected: Bool) -> String {
        guard connected else { return notConnected }
        var prompt = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        if database != 0 { prompt += "[\(database)]" }
        if inTransaction { prompt += "(TX)" }
        return prompt + "> "
    }
}
