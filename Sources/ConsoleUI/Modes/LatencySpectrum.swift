/// `--latency-dist`: redis-cli's spectrum. Each interval's PING round trips fall into buckets
/// (`.` up to 0.01 ms ... `?` beyond a minute), and each bucket is drawn as its character on a
/// background whose intensity is the bucket's share of the samples (xterm 256 colours). Pure.
public struct LatencySpectrum: Sendable, Equatable {
    /// (upper bound in µs, character); 0 is the last bucket: everything slower.
    static let buckets: [(max: Int64, character: Character)] = [
        (10, "."), (125, "-"), (250, "*"), (500, "#"), (1000, "1"), (2000, "2"), (3000, "3"), (4000, "4"),
        (5000, "5"), (6000, "6"), (7000, "7"), (8000, "8"), (9000, "9"), (10000, "A"), (20000, "B"),
        (30000, "C"), (40000, "D"), (50000, "E"), (100_000, "F"), (200_000, "G"), (300_000, "H"),
        (400_000, "I"), (500_000, "J"), (1_000_000, "K"), (2_000_000, "L"), (4_000_000, "M"),
        (8_000_000, "N"), (16_000_000, "O"), (30_000_000, "P"), (60_000_000, "Q"), (0, "?"),
    ]
    /// redis-cli's `spectrum_palette_color`.
    static let palette = [0, 233, 234, 235, 237, 239, 241, 243, 245, 247, 144, 143, 142, 184, 226, 214, 208, 202, 196]
    /// The legend is printed before the first line and every 20 lines after it.
    public static let linesPerLegend = 20

    public private(set) var counts = [Int](repeating: 0, count: buckets.count)
    public private(set) var total = 0
    public private(set) var window = LatencyWindow()
    public private(set) var linesShown = 0

    public init() {}

    public mutating func add(microseconds: Int64, milliseconds: Int64) {
        let index = Self.buckets.firstIndex { $0.max == 0 || microseconds <= $0.max } ?? Self.buckets.count - 1
        counts[index] += 1
        total += 1
        window.add(milliseconds: milliseconds, microseconds: microseconds)
    }

    /// The legend when due, then the spectrum line; the counts start again. redis-cli's line,
    /// then ` p50: 0.18 p99: 0.40` (added by redis-console) after the colour reset.
    public mutating func renderLine() -> String {
        var out = linesShown % Self.linesPerLegend == 0 ? Self.legend : ""
        linesShown += 1
        out += "\u{1b}[38;5;0m"
        for (index, bucket) in Self.buckets.enumerated() {
            let share = total == 0 ? 0 : Double(counts[index]) / Double(total)
            let color = Self.palette[Int((share * Double(Self.palette.count - 1)).rounded(.up))]
            out += "\u{1b}[48;5;\(color)m\(bucket.character)"
        }
        out += "\u{1b}[0m p50: \(CFormat.percent2f(window.percentileMilliseconds(0.5))) p99: \(CFormat.percent2f(window.percentileMilliseconds(0.99)))\n"
        counts = [Int](repeating: 0, count: Self.buckets.count)
        total = 0
        window.reset()
        return out
    }

    public static var legend: String {
        var out = "---------------------------------------------\n"
        out += ". - * #          .01 .125 .25 .5 milliseconds\n"
        out += "1,2,3,...,9      from 1 to 9     milliseconds\n"
        out += "A,B,C,D,E        10,20,30,40,50  milliseconds\n"
        out += "F,G,H,I,J        .1,.2,.3,.4,.5       seconds\n"
        out += "K,L,M,N,O,P,Q,?  1,2,4,8,16,30,60,>60 seconds\n"
        out += "From 0 to 100%: "
        for color in palette { out += "\u{1b}[48;5;\(color)m " }
        out += "\u{1b}[0m\n"
        out += "---------------------------------------------\n"
        return out
    }
}
