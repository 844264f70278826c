/// A fixture could not do its job (no redis-server, a server that would not start, ...).
/// Thrown, never skipped: a missing tool must fail the test run, not silently shrink it.
public struct TestSupportError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
