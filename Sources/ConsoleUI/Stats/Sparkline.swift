/// A row of block characters scaled between the series' minimum and maximum; the REPL and the
/// dashboard draw latency and throughput with it.
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public static func render(_ values: [Double]) -> String {
        guard let low = values.min(), let high = values.max() else { return "" }
        let span = high - low
        return String(values.map { value in
            guard span > 0 else { return value > 0 ? blocks[3] : blocks[0] }
            let index = Int(((value - low) / span * Double(blocks.count - 1)).rounded())
            return blocks[min(blocks.count - 1, max(0, index))]
        })
    }
}
