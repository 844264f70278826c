/// Where retry jitter comes from. Injected, so tests can replay an exact sequence of delays and
/// production can draw from the system generator.
public protocol RandomSource: Sendable {
    /// Uniform in [0, 1).
    mutating func nextUnit() -> Double
}

extension RandomSource where Self: RandomNumberGenerator {
    /// The top 52 bits of a 64-bit draw: a multiple of 2^-52, at most 1 - 2^-52. One bit fewer
    /// than a double holds, so that 0.5 + 0.5 * u cannot round up to 1 either (see `Backoff`).
    public mutating func nextUnit() -> Double {
        Double(next() >> 12) * 0x1.0p-52
    }
}

/// splitmix64 (Steele, Lea and Flood, 2014): one 64-bit word of state, the same sequence from the
/// same seed on every platform, which is all deterministic tests need. Not for secrets.
public struct SeededRandomSource: RandomSource, RandomNumberGenerator, Equatable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The operating system's generator: different jitter in every process, so many consoles that
/// lost the same server do not come back in lock step.
public struct SystemRandomSource: RandomSource, RandomNumberGenerator {
    private var generator = SystemRandomNumberGenerator()

    public init() {}

    public mutating func next() -> UInt64 {
        generator.next()
    }
}
