/// One decoded RESP2 reply. Strings are kept as bytes: Redis values are binary, and output must
/// reproduce them byte for byte.
public indirect enum RESPValue: Sendable, Equatable {
    case simpleString([UInt8])
    case error([UInt8])
    case integer(Int64)
    case bulkString([UInt8])
    /// `$-1` and `*-1`: redis-cli prints both as `(nil)`.
    case null
    case array([RESPValue])

    public static func simple(_ text: String) -> RESPValue { .simpleString(Array(text.utf8)) }
    public static func bulk(_ text: String) -> RESPValue { .bulkString(Array(text.utf8)) }
    public static func errorText(_ text: String) -> RESPValue { .error(Array(text.utf8)) }

    /// The text of a string-like reply, decoded as UTF-8 with replacement.
    public var text: String? {
        switch self {
        case .simpleString(let bytes), .error(let bytes), .bulkString(let bytes):
            return String(decoding: bytes, as: UTF8.self)
        case .integer(let value):
            return String(value)
        case .null, .array:
            return nil
        }
    }

    public var isError: Bool {
        if case .error = self { return true }
        return false
    }
}
