/// `--bigkeys` / `--memkeys`: redis-cli 7.0's `findBigKeys` as a value. The driver scans, asks
/// TYPE and the size command for each batch, and feeds the answers here; this decides the
/// "found so far" lines and the summary, byte for byte as redis-cli prints them.
public struct KeyspaceTally: Sendable, Equatable {
    /// One key type's running totals.
    public struct TypeTotals: Sendable, Equatable {
        public let name: String
        /// The size command (`STRLEN`, `LLEN`, ...); nil for module types (their size is 0).
        public let sizeCommand: String?
        public let unit: String
        public var count: Int64 = 0
        public var totalSize: Int64 = 0
        public var biggest: Int64 = 0
        /// The biggest key's name, quoted the way redis-cli quotes it.
        public var biggestKey: String?
    }

    public enum Measure: Sendable, Equatable {
        /// `--bigkeys`: elements (bytes for strings).
        case elements
        /// `--memkeys`: MEMORY USAGE, optionally with SAMPLES.
        case memory(samples: Int?)
    }

    public let measure: Measure
    /// Summary order: the order redis-cli 7.0.15's type dictionary iterates in (observed), then
    /// module types as found.
    public private(set) var types: [TypeTotals] = [
        TypeTotals(name: "list", sizeCommand: "LLEN", unit: "items"),
        TypeTotals(name: "hash", sizeCommand: "HLEN", unit: "fields"),
        TypeTotals(name: "string", sizeCommand: "STRLEN", unit: "bytes"),
        TypeTotals(name: "stream", sizeCommand: "XLEN", unit: "entries"),
        TypeTotals(name: "set", sizeCommand: "SCARD", unit: "members"),
        TypeTotals(name: "zset", sizeCommand: "ZCARD", unit: "members"),
    ]
    public private(set) var sampled: Int64 = 0
    public private(set) var totalKeyLength: Int64 = 0

    public init(measure: Measure) {
        self.measure = measure
    }

    public static let banner =
        "\n# Scanning the entire keyspace to find biggest keys as well as\n" +
        "# average sizes per key type.  You can use -i 0.1 to sleep 0.1 sec\n" +
        "# per 100 SCAN commands (not usually needed).\n\n"

    /// The command that measures `key` of type `typeName` (nil: nothing to ask, the size is 0).
    public mutating func sizeCommand(forKey key: [UInt8], type typeName: String) -> [[UInt8]]? {
        let index = typeIndex(typeName)
        switch measure {
        case .elements:
            guard let command = types[index].sizeCommand else { return nil }
            return [Array(command.utf8), key]
        case .memory(let samples):
            var argv: [[UInt8]] = [Array("MEMORY".utf8), Array("USAGE".utf8), key]
            if let samples { argv += [Array("SAMPLES".utf8), Array(String(samples).utf8)] }
            return argv
        }
    }

    /// One measured key; returns the "found so far" line when it is the biggest of its type.
    /// `percent` is the progress redis-cli shows: keys sampled before this batch / DBSIZE.
    public mutating func add(key: [UInt8], type typeName: String, size: Int64, percent: Double) -> String? {
        let index = typeIndex(typeName)
        types[index].totalSize += size
        types[index].count += 1
        totalKeyLength += Int64(key.count)
        sampled += 1
        var line: String?
        if types[index].biggest < size {
            let quoted = Self.repr(key)
            types[index].biggestKey = quoted
            types[index].biggest = size
            line = "[\(CFormat.percent052f(percent))%] Biggest \(CFormat.leftAligned(typeName, 6)) found so far '\(quoted)' with \(size) \(unit(index))\n"
        }
        if sampled % 1_000_000 == 0 {
            line = (line ?? "") + "[\(CFormat.percent052f(percent))%] Sampled \(sampled) keys so far\n"
        }
        return line
    }

    /// Everything after the scan: biggest key per type found, then every type's totals.
    /// `interruptedAt` is the progress when Ctrl-C stopped the scan.
    public func summary(interruptedAt: Double? = nil) -> String {
        var out = "\n-------- summary -------\n\n"
        if let interruptedAt { out += "[\(CFormat.percent052f(interruptedAt))%] " }
        out += "Sampled \(sampled) keys in the keyspace!\n"
        let averageLength = totalKeyLength == 0 ? 0 : Double(totalKeyLength) / Double(sampled)
        out += "Total key length in bytes is \(totalKeyLength) (avg len \(CFormat.percent2f(averageLength)))\n\n"
        for (index, type) in types.enumerated() {
            guard let key = type.biggestKey else { continue }
            out += "Biggest \(CFormat.rightAligned(type.name, 6)) found '\(key)' has \(type.biggest) \(unit(index))\n"
        }
        out += "\n"
        for (index, type) in types.enumerated() {
            let share = sampled == 0 ? 0 : 100 * Double(type.count) / Double(sampled)
            let average = type.count == 0 ? 0 : Double(type.totalSize) / Double(type.count)
            out += "\(type.count) \(type.name)s with \(type.totalSize) \(unit(index)) (\(CFormat.percent052f(share))% of keys, avg size \(CFormat.percent2f(average)))\n"
        }
        return out
    }

    private func unit(_ index: Int) -> String {
        measure == .elements ? types[index].unit : "bytes"
    }

    /// A module type (`ReJSON-RL`, ...) is tallied under its own name with no size command.
    private mutating func typeIndex(_ name: String) -> Int {
        if let index = types.firstIndex(where: { $0.name == name }) { return index }
        types.append(TypeTotals(name: name, sizeCommand: nil, unit: "units"))
        return types.count - 1
    }

    /// sds `sdscatrepr`, as a String (the result is ASCII).
    static func repr(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        ByteEscaping.appendRepr(bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
