/// A password. It prints as `***` everywhere (descriptions, dumps, interpolation); only
/// `reveal()` gives the text, and only the handshake calls it.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    private let storage: String

    /// An empty value means "no password": never send `AUTH ""`.
    public init?(_ value: String?) {
        guard let value, !value.isEmpty else { return nil }
        storage = value
    }

    public func reveal() -> String { storage }
    public var description: String { "***" }
    public var debugDescription: String { "Secret(***)" }
}
