/// How long to wait before a retry. The formula, with n = 0 before the first retry:
///
///     ceiling(n) = min(cap, base * 2^n)
///     delay(n)   = ceiling(n) * (0.5 + 0.5 * u),   u uniform in [0, 1) from the random source
///
/// so delay(n) lies in [ceiling(n) / 2, ceiling(n)). This is "equal jitter": half the ceiling
/// is always waited, because a server that just failed needs some time before it can answer
/// (full jitter may draw almost 0 and spend a retry at once); the other half is random, so
/// clients that failed together spread their retries out instead of arriving together.
/// The upper bound is open for u up to 1 - 2^-52, which is what the sources here draw; a u
/// closer to 1 rounds 0.5 + 0.5 * u up to 1 and gives the ceiling itself.
/// Defaults: base 0.1 s, cap 2.0 s, so the ceilings are 0.1, 0.2, 0.4, 0.8, 1.6, 2.0, 2.0, ... s.
public struct Backoff: Sendable, Equatable {
    /// Seconds; the ceiling before the first retry.
    public var base: Double
    /// Seconds; no ceiling exceeds it.
    public var cap: Double

    public init(base: Double = 0.1, cap: Double = 2.0) {
        self.base = base
        self.cap = cap
    }

    /// min(cap, base * 2^n); n below 0 counts as 0. Scaling the exponent cannot overflow or trap:
    /// a huge n saturates to infinity, and the cap wins.
    public func ceiling(retry n: Int) -> Double {
        // 2^2000 is infinite already; clamping keeps the conversion to the exponent type safe.
        let doublings = min(max(n, 0), 2000)
        return min(cap, Double(sign: .plus, exponent: doublings, significand: base))
    }

    /// ceiling(n) * (0.5 + 0.5 * u): see the type's comment.
    public func delay(retry n: Int, using random: inout some RandomSource) -> Double {
        ceiling(retry: n) * (0.5 + 0.5 * random.nextUnit())
    }
}
