/// redis-cli's special modes (`--latency`, `--scan`, `--pipe`, ...): which one was asked for
/// and its own options. At most one runs; like redis-cli, the last mode flag given wins.
public enum RedisCLIMode: Sendable, Equatable {
    case latency
    case latencyHistory
    case latencyDist
    case stat
    case scan
    case bigkeys
    case memkeys
    /// `--eval FILE`: the command line's words are the keys, then `,`, then the arguments.
    case eval(file: String)
    case pipe
}

public struct CLIModeOptions: Sendable, Equatable {
    public var mode: RedisCLIMode?
    /// `--pattern` / `--quoted-pattern`: SCAN's MATCH for --scan, --bigkeys and --memkeys.
    public var pattern: [UInt8]?
    /// `--quoted-pattern`: the pattern still quoted (the REPL's quoting rules unquote it).
    public var quotedPattern: String?
    /// `--count N`: SCAN's COUNT hint (redis-cli 7.2's flag; 7.0 lacks it).
    public var count: Int?
    /// `--memkeys-samples N`: MEMORY USAGE ... SAMPLES N (implies --memkeys, as in redis-cli).
    public var memkeysSamples: Int?
    /// `--pipe-timeout S`: how long --pipe waits for the last reply after sending all; 0 = for ever.
    public var pipeTimeout: Double = 30

    public init() {}
}
