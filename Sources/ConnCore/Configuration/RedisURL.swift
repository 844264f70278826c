/// A `redis://` or `rediss://` URL, parsed the way redis-cli's `parseRedisUri` does it
/// (redis 7.x `cli_common.c`):
///
///     scheme://[[user:]password@][host][:port][/db]
///
/// - The scheme is case-insensitive; `rediss` turns TLS on. `redis` says nothing about TLS
///   (redis-cli never turns TLS *off* because of a URL).
/// - User info ends at the FIRST `@` and splits at the first `:` before it, so a password may
///   contain `:` but a literal `@` must be written `%40`. User info without `:` is the password
///   alone (`redis://secret@host`), as in redis-cli.
/// - User and password are percent-decoded; the host is not.
/// - `[ipv6]` and `[ipv6]:port`.
///
/// Stricter than redis-cli where it silently does the wrong thing (`atoi`): ports and database
/// numbers must be numbers in range, unbracketed IPv6 and query strings are refused. Parts the
/// URL leaves out are `nil`, so weaker sources (environment, defaults) fill them.
///
/// No error message ever contains the password, nor any part of the URL that could be one.
public struct RedisURL: Sendable, Equatable {
    public var tls: Bool
    public var username: String?
    public var password: Secret?
    public var host: String?
    public var port: Int?
    public var database: Int?

    public init(
        tls: Bool = false, username: String? = nil, password: Secret? = nil, host: String? = nil,
        port: Int? = nil, database: Int? = nil
    ) {
        self.tls = tls
        self.username = username
        self.password = password
        self.host = host
        self.port = port
        self.database = database
    }

    public var scheme: String { tls ? "rediss" : "redis" }

    public static func parse(_ text: String) throws(ConsoleError) -> RedisURL {
        var url = RedisURL()
        var rest = Substring(text)
        let lowered = text.lowercased()
        if lowered.hasPrefix("rediss://") {
            url.tls = true
            rest = rest.dropFirst("rediss://".count)
        } else if lowered.hasPrefix("redis://") {
            rest = rest.dropFirst("redis://".count)
        } else if let range = text.firstRange(of: "://") {
            // The scheme cannot hold a password (it ends before any '@'), so it is safe to echo.
            let scheme = text[..<range.lowerBound]
            throw failure("unknown URL scheme '\(scheme)://'", hint: "use redis:// or rediss:// (TLS)")
        } else {
            throw failure(
                "the URL must start with redis:// or rediss://",
                hint: "write it as rediss://[user:password@]host[:port][/db]")
        }

        // User info: everything before the first '@', anywhere in the rest (as redis-cli).
        if let at = rest.firstIndex(of: "@") {
            let userinfo = rest[..<at]
            if let colon = userinfo.firstIndex(of: ":") {
                url.username = nonEmpty(try decode(userinfo[..<colon], part: "user name"))
                url.password = Secret(try decode(userinfo[userinfo.index(after: colon)...], part: "password"))
            } else {
                url.password = Secret(try decode(userinfo, part: "password"))
            }
            rest = rest[rest.index(after: at)...]
            if rest.contains("@") {
                throw failure(
                    "the URL has more than one '@'",
                    hint: "the user info ends at the first '@' (as in redis-cli); write an '@' inside "
                        + "the user name or password as %40")
            }
        }

        let slash = rest.firstIndex(of: "/")
        let authority = rest[..<(slash ?? rest.endIndex)]
        try parseAuthority(authority, into: &url)
        if let slash {
            url.database = try parseDatabase(rest[rest.index(after: slash)...])
        }
        return url
    }

    /// `rediss://user:***@host:port/db`, with only the parts the URL has.
    public var redacted: String {
        var out = scheme + "://" + Self.maskedUserinfo(username: username, hasPassword: password != nil)
        if let host { out += Self.bracketed(host) }
        if let port { out += ":\(port)" }
        if let database { out += "/\(database)" }
        return out
    }

    /// Masks the password in URL text that may not even parse (for echoing what the user gave).
    /// Follows the same split as `parse`: user info ends at the first '@'; without a ':' in it,
    /// the whole user info is the password.
    public static func redact(_ text: String) -> String {
        guard let schemeEnd = text.firstRange(of: "://") else {
            // No scheme: we cannot tell where a password would be, so show nothing after '@'.
            guard let at = text.firstIndex(of: "@") else { return text }
            return "***" + String(text[at...])
        }
        let afterScheme = text[schemeEnd.upperBound...]
        guard let at = afterScheme.firstIndex(of: "@") else { return text }
        let userinfo = afterScheme[..<at]
        let user = userinfo.firstIndex(of: ":").map { userinfo[..<$0] } ?? ""
        let masked = userinfo.isEmpty ? "" : "\(user):***"
        return String(text[..<schemeEnd.upperBound]) + masked + String(afterScheme[at...])
    }

    // MARK: - Parts

    private static func parseAuthority(_ authority: Substring, into url: inout RedisURL) throws(ConsoleError) {
        var hostText: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw failure(
                    "the URL's IPv6 address has no closing ']'", hint: "write it as rediss://[::1]:6379")
            }
            hostText = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw failure(
                    "unexpected text after the URL's IPv6 address", hint: "write it as rediss://[::1]:6379")
            }
        } else {
            let colons = authority.filter { $0 == ":" }.count
            if colons > 1 {
                throw failure(
                    "an IPv6 address in a URL must be written in brackets",
                    hint: "write it as rediss://[::1]:6379")
            }
            if let colon = authority.firstIndex(of: ":") {
                hostText = authority[..<colon]
                portText = authority[authority.index(after: colon)...]
            } else {
                hostText = authority
            }
        }
        url.host = hostText.isEmpty ? nil : String(hostText)
        if let portText {
            // Never echo the port text: "redis://user:secret" (a forgotten '@') puts the password here.
            guard !portText.isEmpty else {
                throw failure("the URL has a ':' but no port after it", hint: "write host:port, e.g. rediss://host:6379")
            }
            guard portText.allSatisfy(\.isASCIIDigit), let port = Int(portText), ValueParsing.portRange.contains(port)
            else {
                throw failure(
                    "the URL's port is not a number from 1 to 65535",
                    hint: "write host:port, e.g. rediss://host:6379 (a password goes before the host: "
                        + "rediss://user:password@host:6379)")
            }
            url.port = port
        }
    }

    private static func parseDatabase(_ path: Substring) throws(ConsoleError) -> Int? {
        if path.isEmpty { return nil }
        if path.contains("?") || path.contains("#") {
            throw failure(
                "URL query parameters are not supported", hint: "put the database in the path: rediss://host:6379/2")
        }
        guard path.allSatisfy(\.isASCIIDigit), let db = Int(path) else {
            throw failure(
                "the URL's database '\(path)' is not a number",
                hint: "put the database index in the path: rediss://host:6379/2")
        }
        return db
    }

    /// redis-cli's percentDecode: `%` must be followed by two hex digits. The text is never
    /// echoed, it may be a password.
    private static func decode(_ text: Substring, part: String) throws(ConsoleError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw failure(
                    "the URL's \(part) has a bad percent-encoding ('%' must be followed by two hex digits)",
                    hint: "write a literal '%' as %25, '@' as %40, ':' in a user name as %3A")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw failure("the URL's \(part) does not decode to valid UTF-8", hint: "check its percent-encoding")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func bracketed(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }

    /// `user:***@`, `:***@`, or `user:@` (never `user@`: redis-cli would read that user name as
    /// a password), or nothing.
    static func maskedUserinfo(username: String?, hasPassword: Bool) -> String {
        guard username != nil || hasPassword else { return "" }
        return encodeUserinfo(username ?? "") + ":" + (hasPassword ? "***" : "") + "@"
    }

    /// Percent-encodes what would change the meaning of the user name inside a URL.
    static func encodeUserinfo(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: ":"), UInt8(ascii: "/"), 0..<0x21, 0x7f...:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            default:
                out += String(UnicodeScalar(byte))
            }
        }
        return out
    }

    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    private static func failure(_ message: String, hint: String) -> ConsoleError {
        ConsoleError(.usage, "invalid Redis URL: \(message)", hint: hint)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
