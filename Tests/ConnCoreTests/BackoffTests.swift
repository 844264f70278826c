import Testing
@testable import ConnCore

/// Always draws the same unit value: pins the jitter to an end of its range.
private struct FixedRandomSource: RandomSource {
    var unit: Double
    mutating func nextUnit() -> Double { unit }
}

@Suite("Backoff") struct BackoffTests {
    @Test func ceilingsDoubleFromTheBaseUpToTheCap() {
        let backoff = Backoff()
        #expect((0...6).map { backoff.ceiling(retry: $0) } == [0.1, 0.2, 0.4, 0.8, 1.6, 2.0, 2.0])
    }

    @Test func hugeAndNegativeRetryNumbersDoNotOverflow() {
        let backoff = Backoff()
        #expect(backoff.ceiling(retry: 1_100) == 2.0)
        #expect(backoff.ceiling(retry: Int.max) == 2.0)
        #expect(backoff.ceiling(retry: -5) == 0.1)
        #expect(Backoff(base: 0, cap: 2).ceiling(retry: Int.max) == 0)
        var random = SeededRandomSource(seed: 1)
        let delay = backoff.delay(retry: Int.max, using: &random)
        #expect(delay >= 1.0 && delay < 2.0)
    }

    @Test func delaysStayWithinHalfTheCeilingAndTheCeiling() {
        let backoff = Backoff()
        for seed: UInt64 in [0, 1, 42, .max] {
            var random = SeededRandomSource(seed: seed)
            for n in 0...8 {
                for _ in 0..<200 {
                    let ceiling = backoff.ceiling(retry: n)
                    let delay = backoff.delay(retry: n, using: &random)
                    #expect(delay >= ceiling / 2 && delay < ceiling, "retry \(n): \(delay) outside [\(ceiling / 2), \(ceiling))")
                }
            }
        }
    }

    @Test func theJitterEndsAreHalfTheCeilingAndJustBelowIt() {
        let backoff = Backoff()
        var low = FixedRandomSource(unit: 0)
        var high = FixedRandomSource(unit: 1 - 0x1.0p-52)  // the largest unit the sources draw
        #expect(backoff.delay(retry: 3, using: &low) == 0.4)
        #expect(backoff.delay(retry: 3, using: &high) < 0.8)
        #expect(backoff.delay(retry: 3, using: &high) > 0.79)
    }

    @Test func theSameSeedGivesTheSameDelays() {
        let backoff = Backoff()
        func delays(seed: UInt64) -> [Double] {
            var random = SeededRandomSource(seed: seed)
            return (0..<10).map { backoff.delay(retry: $0, using: &random) }
        }
        #expect(delays(seed: 7) == delays(seed: 7))
        #expect(delays(seed: 7) != delays(seed: 8))
    }

    @Test func seededSourceIsSplitmix64() {
        // Reference outputs of splitmix64 from seed 0.
        var random = SeededRandomSource(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func unitDrawsAreInTheHalfOpenUnitInterval() {
        var seeded = SeededRandomSource(seed: 99)
        var system = SystemRandomSource()
        for _ in 0..<10_000 {
            let a = seeded.nextUnit(), b = system.nextUnit()
            #expect(a >= 0 && a < 1)
            #expect(b >= 0 && b < 1)
        }
    }
}
