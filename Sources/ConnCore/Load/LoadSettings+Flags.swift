/// `--workers`, `--commands`, `--keys`, `--value-size`, `--rate`, `--duration`, `--pipeline`:
/// each value checked as it is read, the error naming the flag, the value and the fix.
extension LoadSettings {
    static let valueSizeLimit = 16 * 1024 * 1024

    /// Applies one load flag; `FlagParser` calls it for each flag in `LoadSettings.flags`.
    public mutating func apply(_ flag: String, _ value: String) throws(ConsoleError) {
        switch flag {
        case "--workers": workers = try ValueParsing.count(value, origin: flag, range: 1...10_000)
        case "--commands": commands = try LoadCommand.parseList(value, origin: flag)
        case "--keys": keys = try ValueParsing.count(value, origin: flag, range: 1...1_000_000_000)
        case "--value-size": valueSize = try ValueParsing.count(value, origin: flag, range: 0...Self.valueSizeLimit)
        case "--rate":
            guard let rate = Double(value), rate.isFinite, rate > 0 else {
                throw ConsoleError(.usage, "\(flag): '\(value)' is not a valid rate (operations per second, more than 0)",
                                   hint: "give the total operations per second, e.g. \(flag) 5000; leave it out for no limit")
            }
            self.rate = rate
        case "--duration": duration = try ValueParsing.seconds(value, origin: flag, allowZero: false)
        case "--pipeline": pipeline = try ValueParsing.count(value, origin: flag, range: 1...10_000)
        default: preconditionFailure("\(flag) is not a load flag")
        }
        givenFlags.removeAll { $0 == flag }
        givenFlags.append(flag)
    }
}
