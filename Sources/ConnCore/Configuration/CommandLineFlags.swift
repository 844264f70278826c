/// A value together with the flag that set it, for settings two flags can set
/// (`-a`/`--pass`, `-t`/`--connect-timeout`): provenance names the one actually typed.
public struct FlagValue<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var flag: String

    public init(_ value: Value, flag: String) {
        self.value = value
        self.flag = flag
    }
}

/// What the command line said, before any other source is consulted. `nil` means "not given".
public struct CommandLineFlags: Sendable, Equatable {
    public var host: String?                      // -h
    public var port: Int?                         // -p
    public var password: FlagValue<Secret>?       // -a / --pass (an empty value is no password)
    public var username: String?                  // --user
    public var url: RedisURL?                     // -u
    public var database: Int?                     // -n
    public var connectTimeout: FlagValue<Double>? // -t / --connect-timeout
    public var operationTimeout: Double?          // --timeout
    public var keepalive: Double?                 // --keepalive
    public var tls = false                        // --tls
    public var sni: String?                       // --sni
    public var caFile: String?                    // --cacert
    public var caDirectory: String?               // --cacertdir
    public var insecure = false                   // --insecure
    public var certificateFile: String?           // --cert
    public var keyFile: String?                   // --key
    public var ciphers: String?                   // --tls-ciphers
    public var ciphersuites: String?              // --tls-ciphersuites
    public var expectedServerName: String?        // --tls-server-name
    public var profile: Profile?                  // --profile
    /// The last output flag given (`--raw`, `--csv`, ...), for provenance.
    public var outputFlag: String?
    public var options = CommandOptions()
    /// --pool-size, --pool-timeout, --pool-min-idle, --health-interval
    public var pool = PoolSettings()
    /// --retries, --retry-base, --retry-cap
    public var retry = RetrySettings()

    public init() {}

    /// Which command-line flag carried a password, if any: `-a`, `--pass` or `-u`. Such a
    /// password is visible to every user through `ps`.
    public var commandLinePasswordFlag: String? {
        if let password { return password.flag }
        if url?.password != nil { return "-u" }
        return nil
    }

    /// The TLS-only flags that were given, in a fixed order (for the "ignored" warning).
    public var tlsOnlyFlagsGiven: [String] {
        var given: [String] = []
        if sni != nil { given.append("--sni") }
        if caFile != nil { given.append("--cacert") }
        if caDirectory != nil { given.append("--cacertdir") }
        if insecure { given.append("--insecure") }
        if certificateFile != nil { given.append("--cert") }
        if keyFile != nil { given.append("--key") }
        if ciphers != nil { given.append("--tls-ciphers") }
        if ciphersuites != nil { given.append("--tls-ciphersuites") }
        if expectedServerName != nil { given.append("--tls-server-name") }
        return given
    }
}
