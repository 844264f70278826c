/// Carries a value that is not Sendable to one other thread, where the caller knows only that
/// thread uses it (or uses only its thread-safe parts). Keep the reason next to each use.
public struct UncheckedBox<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}
