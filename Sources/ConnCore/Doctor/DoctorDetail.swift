/// A detail of a step, typed so that each renderer can show it its own way: the text report
/// writes `3.1 ms` and `1.2 MiB`, the JSON report writes seconds and bytes as numbers.
public indirect enum DoctorDetail: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case decimal(Double)
    case flag(Bool)
    /// A duration in seconds.
    case seconds(Double)
    case bytes(Int)
    /// A UTC time, seconds since 1970.
    case time(Int64)
    case list([DoctorDetail])
    case fields([DoctorField])
}

/// A named detail; steps keep their fields in the order a person reads them.
public struct DoctorField: Sendable, Equatable {
    public var name: String
    public var value: DoctorDetail

    public init(_ name: String, _ value: DoctorDetail) {
        self.name = name
        self.value = value
    }
}
