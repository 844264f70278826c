import Testing
@testable import ConnCore

struct URLCase: Sendable, CustomTestStringConvertible {
    var text: String
    var expected: RedisURL
    var testDescription: String { text }

    init(_ text: String, _ expected: RedisURL) {
        self.text = text
        self.expected = expected
    }
}

struct URLFailureCase: Sendable, CustomTestStringConvertible {
    var text: String
    /// A fragment the message must contain: it names the problem.
    var names: String
    var testDescription: String { text }

    init(_ text: String, _ names: String) {
        self.text = text
        self.names = names
    }
}

@Suite("RedisURL")
struct RedisURLTests {
    static let valid: [URLCase] = [
        URLCase("redis://localhost", RedisURL(host: "localhost")),
        URLCase("rediss://cache.example.com:6380/2", RedisURL(tls: true, host: "cache.example.com", port: 6380, database: 2)),
        URLCase("REDISS://Host:1", RedisURL(tls: true, host: "Host", port: 1)),
        URLCase("redis://h:65535", RedisURL(host: "h", port: 65535)),
        // IPv6, with and without port.
        URLCase("redis://[::1]:6380", RedisURL(host: "::1", port: 6380)),
        URLCase("redis://[::1]", RedisURL(host: "::1")),
        URLCase("rediss://[2001:db8::1]:7000/3", RedisURL(tls: true, host: "2001:db8::1", port: 7000, database: 3)),
        URLCase("redis://u:p@[fe80::1]/1", RedisURL(username: "u", password: Secret("p"), host: "fe80::1", database: 1)),
        // User info.
        URLCase("redis://user:pass@host", RedisURL(username: "user", password: Secret("pass"), host: "host")),
        URLCase("redis://us%40er:p%3Ass@host", RedisURL(username: "us@er", password: Secret("p:ss"), host: "host")),
        URLCase("redis://user:pa:ss@host", RedisURL(username: "user", password: Secret("pa:ss"), host: "host")),
        URLCase("redis://user:p%40ss@host", RedisURL(username: "user", password: Secret("p@ss"), host: "host")),
        URLCase("redis://user:%2a%2A@host", RedisURL(username: "user", password: Secret("**"), host: "host")),
        URLCase("redis://:%C3%A9t%C3%A9@h", RedisURL(password: Secret("été"), host: "h")),
        // redis-cli: user info without ':' is the password alone.
        URLCase("redis://secret@host", RedisURL(password: Secret("secret"), host: "host")),
        URLCase("redis://:secret@host", RedisURL(password: Secret("secret"), host: "host")),
        URLCase("redis://user:@host", RedisURL(username: "user", host: "host")),
        URLCase("redis://@host", RedisURL(host: "host")),
        // redis-cli looks for the first '@' anywhere, so '/' may appear in a password.
        URLCase("redis://:pa/ss@host/1", RedisURL(password: Secret("pa/ss"), host: "host", database: 1)),
        // Missing parts stay nil.
        URLCase("redis://", RedisURL()),
        URLCase("rediss://", RedisURL(tls: true)),
        URLCase("redis:///5", RedisURL(database: 5)),
        URLCase("redis://host/", RedisURL(host: "host")),
        URLCase("redis://:6380", RedisURL(port: 6380)),
        URLCase("redis://host/0", RedisURL(host: "host", database: 0)),
    ]

    @Test("valid URLs", arguments: valid)
    func parsesValid(_ example: URLCase) throws {
        #expect(try RedisURL.parse(example.text) == example.expected)
    }

    static let invalid: [URLFailureCase] = [
        URLFailureCase("http://host", "unknown URL scheme 'http://'"),
        URLFailureCase("redis:/host", "must start with redis:// or rediss://"),
        URLFailureCase("localhost:6379", "must start with redis:// or rediss://"),
        URLFailureCase("redis://host:0", "port is not a number from 1 to 65535"),
        URLFailureCase("redis://host:65536", "port is not a number from 1 to 65535"),
        URLFailureCase("redis://host:abc", "port is not a number from 1 to 65535"),
        URLFailureCase("redis://host:-1", "port is not a number from 1 to 65535"),
        URLFailureCase("redis://host:+1", "port is not a number from 1 to 65535"),
        URLFailureCase("redis://host:", "':' but no port"),
        URLFailureCase("redis://[::1]:", "':' but no port"),
        URLFailureCase("redis://::1:6379", "IPv6 address in a URL must be written in brackets"),
        URLFailureCase("redis://[::1:6379", "no closing ']'"),
        URLFailureCase("redis://[::1]6379", "unexpected text after the URL's IPv6 address"),
        URLFailureCase("redis://host/abc", "database 'abc' is not a number"),
        URLFailureCase("redis://host/-1", "database '-1' is not a number"),
        URLFailureCase("redis://host/1/2", "database '1/2' is not a number"),
        URLFailureCase("redis://host/0?ssl=true", "query parameters are not supported"),
        URLFailureCase("redis://u:p%4@host", "password has a bad percent-encoding"),
        URLFailureCase("redis://u%zz:p@host", "user name has a bad percent-encoding"),
        URLFailureCase("redis://:%FF@host", "does not decode to valid UTF-8"),
        URLFailureCase("redis://user:p@ss@host", "more than one '@'"),
    ]

    @Test("invalid URLs are usage errors naming the problem, with a fix", arguments: invalid)
    func rejectsInvalid(_ example: URLFailureCase) throws {
        let error = try #require(urlFailure(example.text))
        #expect(error.kind == .usage)
        #expect(error.message.contains(example.names), "\(error.message)")
        #expect(error.message.hasPrefix("invalid Redis URL"))
        #expect(error.hint?.isEmpty == false)
    }

    /// Mistakes that put the password where the host, port or database would be.
    @Test(
        "errors never echo the password",
        arguments: [
            "redis://user:\(Fixture.canary)",  // forgotten '@': the password lands in the port
            "redis://user:\(Fixture.canary)123",
            "redis://u:\(Fixture.canary)%@h",
            "redis://u:\(Fixture.canary)@\(Fixture.canary)@h",
            "redis://\(Fixture.canary)%4@h",
            "redis://u:\(Fixture.canary)@h/\(Fixture.canary)?x",
        ])
    func errorsNeverEchoPassword(_ text: String) throws {
        let error = try #require(urlFailure(text))
        #expect(!error.description.contains(Fixture.canary))
        #expect(!error.description.contains("CANARY"))
    }

    @Test func digitsOnlyPasswordInPortPositionIsNotEchoed() throws {
        let error = try #require(urlFailure("redis://user:123456"))
        #expect(!error.description.contains("123456"))
    }

    @Test func passwordIsASecret() throws {
        let url = try RedisURL.parse("rediss://app:\(Fixture.canary)@h")
        #expect(url.password?.reveal() == Fixture.canary)
        #expect(!"\(url)".contains(Fixture.canary))
        #expect(!String(reflecting: url).contains(Fixture.canary))
    }

    @Test(
        "redacted form of a parsed URL",
        arguments: [
            ("rediss://app:\(Fixture.canary)@cache:6380/2", "rediss://app:***@cache:6380/2"),
            ("redis://\(Fixture.canary)@[::1]:6379", "redis://:***@[::1]:6379"),
            ("redis://host", "redis://host"),
            // No password: keep the ':' so that redis-cli would not read the user as a password.
            ("redis://app:@host", "redis://app:@host"),
            ("redis://us%40er:x@h", "redis://us%40er:***@h"),
        ])
    func redactedParsed(_ input: String, _ expected: String) throws {
        #expect(try RedisURL.parse(input).redacted == expected)
    }

    @Test func redactedRoundTripsWithoutPassword() throws {
        let url = try RedisURL.parse("rediss://us%3Aer:@[::1]:7000/3")
        #expect(try RedisURL.parse(url.redacted) == url)
    }

    @Test(
        "redacting raw text, even text that does not parse",
        arguments: [
            ("rediss://u:\(Fixture.canary)@h:1/0", "rediss://u:***@h:1/0"),
            ("redis://\(Fixture.canary)@h", "redis://:***@h"),
            ("redis://u:\(Fixture.canary)@@h", "redis://u:***@@h"),
            ("http://u:\(Fixture.canary)@h", "http://u:***@h"),
            ("u:\(Fixture.canary)@h", "***@h"),
            ("redis://h:1", "redis://h:1"),
            ("redis://@h", "redis://@h"),
        ])
    func redactRaw(_ input: String, _ expected: String) {
        let output = RedisURL.redact(input)
        #expect(output == expected)
        #expect(!output.contains(Fixture.canary))
        #expect(ConfigurationRenderer.redactedURL(input) == expected)
    }
}
