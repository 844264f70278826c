/// What each profile changes. Development and testing only differ in name: TLS is on when asked
/// for (`--tls`, `rediss://`, `REDIS_SSL`), off otherwise. Production turns TLS on by default and
/// refuses anything that would weaken it, before any socket opens.
public enum ProfileRules {
    /// The profile's own default for TLS (the weakest source).
    public static func defaultTLS(for profile: Profile) -> Bool {
        profile == .production
    }

    /// The facts the rules look at, gathered by the loader.
    public struct Facts: Sendable {
        public var profile: Profile
        public var settings: ConnectionSettings
        /// The scheme and origin of the URL in use, if any.
        public var url: (tls: Bool, origin: URLOrigin)?
        /// `-a`, `--pass` or `-u` when a password was typed on the command line.
        public var commandLinePasswordFlag: String?
        public var tlsSource: ValueSource
        public var ciphersOverridden: [String]

        public init(
            profile: Profile, settings: ConnectionSettings, url: (tls: Bool, origin: URLOrigin)?,
            commandLinePasswordFlag: String?, tlsSource: ValueSource, ciphersOverridden: [String]
        ) {
            self.profile = profile
            self.settings = settings
            self.url = url
            self.commandLinePasswordFlag = commandLinePasswordFlag
            self.tlsSource = tlsSource
            self.ciphersOverridden = ciphersOverridden
        }
    }

    /// Throws the first rule broken. Every message names the profile and the rule; every hint
    /// says how to comply (never "use another profile").
    public static func enforce(_ facts: Facts) throws(ConsoleError) {
        guard facts.profile == .production else { return }
        let rule = "the production profile requires TLS"

        if let url = facts.url, !url.tls {
            throw refusal(
                "\(rule), but the URL (\(url.origin.name)) uses redis:// (plaintext)",
                hint: "use a rediss:// URL, e.g. rediss://host:6380")
        }
        if !facts.settings.tls.enabled {
            throw refusal(
                "\(rule), but TLS is turned off (\(facts.tlsSource))",
                hint: "set REDIS_SSL=true (or unset it) or pass --tls, and point at the server's TLS port")
        }
        if !facts.settings.tls.verifyPeer {
            throw refusal(
                "the production profile does not allow --insecure: certificate verification cannot be turned off",
                hint: "remove --insecure and trust the server's CA with --cacert FILE (or REDIS_CERT_PATH)")
        }
        if let flag = facts.commandLinePasswordFlag {
            let inURL = flag == "-u"
            // redis-cli reads `rediss://app@host` as password "app": say so, it surprises people.
            let note = inURL
                ? " (as in redis-cli, user info without ':' is a password; write rediss://user:@host for a user name alone)"
                : ""
            throw refusal(
                "the production profile does not allow a password on the command line (given "
                    + (inURL ? "in the -u URL" : "with \(flag)") + "): other users can read it with ps",
                hint: "remove it from the command line; set REDISCLI_AUTH or REDIS_PASSWORD in the "
                    + "environment, or use --askpass" + note)
        }
        if let flag = facts.ciphersOverridden.first {
            throw refusal(
                "the production profile does not allow \(flag): the TLS cipher policy is fixed",
                hint: "remove \(flag); production uses the built-in Mozilla intermediate cipher list")
        }
    }

    private static func refusal(_ message: String, hint: String) -> ConsoleError {
        ConsoleError(.configuration, "refused: \(message)", hint: hint)
    }
}
