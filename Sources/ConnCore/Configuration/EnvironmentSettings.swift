/// The environment variables redis-console reads, and how each is parsed. Values are parsed only
/// when asked for, so a variable that a flag overrides can never fail the load (Kubernetes, for
/// instance, injects `REDIS_PORT=tcp://10.0.0.1:6379` into pods next to a service named redis).
/// An empty value is the same as an unset one.
public struct EnvironmentSettings: Sendable {
    public enum Name {
        public static let url = "REDIS_URL"
        public static let host = "REDIS_HOST"
        public static let port = "REDIS_PORT"
        public static let ssl = "REDIS_SSL"
        public static let username = "REDIS_USERNAME"
        public static let password = "REDIS_PASSWORD"
        public static let cliAuth = "REDISCLI_AUTH"
        public static let database = "REDIS_DB"
        public static let certPath = "REDIS_CERT_PATH"
        public static let profile = "REDIS_ENV"
    }

    /// The files `REDIS_CERT_PATH` points at. The client pair is only taken when present, so
    /// the folder may hold a CA alone.
    public struct CertificateFolder: Sendable, Equatable {
        public var caFile: String
        public var certificateFile: String?
        public var keyFile: String?
    }

    private let variables: [String: String]

    public init(_ variables: [String: String]) {
        self.variables = variables
    }

    /// The raw value, `nil` when unset or empty.
    public func value(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    public func host() -> String? { value(Name.host).map(ValueParsing.host) }
    public func username() -> String? { value(Name.username) }
    public func password() -> Secret? { Secret(value(Name.password)) }
    public func cliAuth() -> Secret? { Secret(value(Name.cliAuth)) }

    public func port() throws(ConsoleError) -> Int? {
        guard let text = value(Name.port) else { return nil }
        return try ValueParsing.port(text, origin: Name.port)
    }

    public func database() throws(ConsoleError) -> Int? {
        guard let text = value(Name.database) else { return nil }
        return try ValueParsing.database(text, origin: Name.database)
    }

    public func ssl() throws(ConsoleError) -> Bool? {
        guard let text = value(Name.ssl) else { return nil }
        return try ValueParsing.boolean(text, origin: Name.ssl)
    }

    public func profile() throws(ConsoleError) -> Profile? {
        guard let text = value(Name.profile) else { return nil }
        return try ValueParsing.profile(text, origin: Name.profile)
    }

    public func url() throws(ConsoleError) -> RedisURL? {
        guard let text = value(Name.url) else { return nil }
        do {
            return try RedisURL.parse(text)
        } catch {
            // Say which URL was wrong: -u or the environment.
            throw ConsoleError(error.kind, "\(Name.url): \(error.message)", hint: error.hint)
        }
    }

    /// `ca.crt` is always expected (validation reports it when missing); `client.crt` and
    /// `client.key` are used when they exist.
    public func certificateFolder(files: some FileChecking) -> CertificateFolder? {
        guard let folder = value(Name.certPath) else { return nil }
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        func existing(_ name: String) -> String? {
            files.status(of: base + name).kind == .missing ? nil : base + name
        }
        return CertificateFolder(
            caFile: base + "ca.crt", certificateFile: existing("client.crt"), keyFile: existing("client.key"))
    }
}
