/// Every failure the product reports: what kind it is, what happened in words, how to fix it,
/// and the underlying cause (for TLS, the drained OpenSSL error queue).
public struct ConsoleError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case usage            // bad flag, URL, environment value
        case configuration    // a rule of the profile or a file that cannot be used
        case resolve          // DNS
        case connect          // TCP connect refused / unreachable / timed out
        case tls              // handshake or verification failure
        case authentication   // WRONGPASS, NOAUTH, ...
        case timeout          // an operation deadline passed
        case io               // the connection broke
        case protocolError    // the server sent something that is not valid RESP
        case server           // the server refused during the handshake (SELECT, ...)
        case poolExhausted    // every pooled connection stayed in use for the whole pool timeout
        case cancelled        // Ctrl-C or the caller stopped the command
    }

    public var kind: Kind
    public var message: String
    public var hint: String?
    public var cause: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil, cause: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
        self.cause = cause
    }

    /// The text shown to a person: the message, then the fix, then the cause.
    public var description: String {
        var lines = [message]
        if let hint { lines.append("  fix: \(hint)") }
        if let cause, !cause.isEmpty { lines.append("  cause: \(cause)") }
        return lines.joined(separator: "\n")
    }
}
