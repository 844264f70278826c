/// Which typed lines may be written to the history file (DESIGN.md §4, "Secrets").
///
/// A line is kept unless:
/// - it does not split into arguments (unbalanced quotes): redis-cli keeps those, we do not,
///   since a half-typed `AUTH "pa ss` is still a password;
/// - it is empty, or its repeat count is invalid (redis-cli runs and keeps neither);
/// - it is one of redis-cli's sensitive commands, after an `N ` repeat count, in any case:
///   AUTH; ACL SETUSER / GETUSER / DELUSER; CONFIG SET of requirepass, masterauth, masteruser,
///   tls-key-file-pass or tls-client-key-file-pass; HELLO ... AUTH; MIGRATE ... AUTH / AUTH2;
///   SENTINEL CONFIG SET sentinel-pass / sentinel-user; SENTINEL SET ... auth-pass / auth-user;
/// - it contains the session's password, as bytes of the line or inside any argument (so an
///   escaped `"\x70ass"` is caught too).
///
/// The list is the one of redis-cli 7.2 (`isSensitiveCommand`); redis-cli 7.0.15 knows only
/// AUTH, ACL SETUSER, CONFIG SET requirepass/masterauth/masteruser, HELLO AUTH and MIGRATE AUTH.
/// Where redis-cli looks at one position (the first CONFIG SET parameter, HELLO's argument after
/// the protocol version), we look at every argument after the command: a false alarm only costs
/// a history entry, a miss leaks a secret.
public enum HistoryPolicy {
    public static func shouldPersist(line: [UInt8], password: String?) -> Bool {
        guard let argv = ArgvSplitter.split(line), !argv.isEmpty else { return false }
        if let password, !password.isEmpty {
            let secret = Array(password.utf8)
            if contains(line, secret) || argv.contains(where: { contains($0, secret) }) { return false }
        }
        switch RepeatPrefix.of(argv) {
        case .invalid: return false
        case .times: return !isSensitive(Array(argv.dropFirst()))
        case .none: return !isSensitive(argv)
        }
    }

    /// redis-cli's sensitive commands (see the type's comment), arguments compared without case.
    public static func isSensitive(_ argv: [[UInt8]]) -> Bool {
        let words = argv.map { String(decoding: $0, as: UTF8.self).lowercased() }
        guard let command = words.first else { return false }
        let rest = words.dropFirst()
        switch command {
        case "auth":
            return true
        case "acl":
            return words.count > 1 && ["setuser", "getuser", "deluser"].contains(words[1])
        case "config":
            return words.count > 2 && words[1] == "set" && rest.dropFirst().contains(where: sensitiveConfigParameters.contains)
        case "hello":
            return rest.contains("auth")
        case "migrate":
            // MIGRATE host port key|"" db timeout [COPY] [REPLACE] [AUTH pw | AUTH2 user pw] [KEYS key...]:
            // after KEYS come key names, which may well be called "auth".
            return words.dropFirst(6).prefix { $0 != "keys" }.contains { $0 == "auth" || $0 == "auth2" }
        case "sentinel":
            guard words.count > 2 else { return false }
            if words[1] == "config", words[2] == "set" {
                return words.dropFirst(3).contains { $0 == "sentinel-pass" || $0 == "sentinel-user" }
            }
            if words[1] == "set" {
                return words.dropFirst(3).contains { $0 == "auth-pass" || $0 == "auth-user" }
            }
            return false
        default:
            return false
        }
    }

    static let sensitiveConfigParameters: Set<String> = [
        "requirepass", "masterauth", "masteruser", "tls-key-file-pass", "tls-client-key-file-pass",
    ]

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
