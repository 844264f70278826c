/// The flags of redis-cli's modes, with redis-cli's meaning.
enum CLIModeFlags {
    static func apply(_ flag: String, _ value: String, to options: inout CLIModeOptions) throws(ConsoleError) {
        switch flag {
        case "--latency": options.mode = .latency
        case "--latency-history": options.mode = .latencyHistory
        case "--latency-dist": options.mode = .latencyDist
        case "--stat": options.mode = .stat
        case "--scan": options.mode = .scan
        case "--bigkeys": options.mode = .bigkeys
        case "--memkeys": options.mode = .memkeys
        case "--pipe": options.mode = .pipe
        case "--eval":
            guard !value.isEmpty else { throw ConsoleError(.usage, "option --eval needs a file name", hint: "write --eval FILE") }
            options.mode = .eval(file: value)
        case "--pattern":
            options.pattern = Array(value.utf8)
            options.quotedPattern = nil
        case "--quoted-pattern":
            options.pattern = nil
            options.quotedPattern = value
        case "--count": options.count = try ValueParsing.count(value, origin: flag, range: 1...Int(Int32.max))
        case "--memkeys-samples":
            options.memkeysSamples = try ValueParsing.count(value, origin: flag, range: 0...Int(Int32.max))
            options.mode = .memkeys
        case "--pipe-timeout": options.pipeTimeout = try ValueParsing.seconds(value, origin: flag, allowZero: true)
        default: break
        }
    }
}
