/// What `--load` (and the console's `:load`) runs: how many workers, which commands, over how
/// many keys, how big the values are, how fast, for how long, how many commands per round trip.
public struct LoadSettings: Sendable, Equatable {
    /// `--workers`: threads sending at once, each with its own session on the shared pool.
    public var workers = 50
    /// `--commands`: the mix, each picked with the same probability.
    public var commands: [LoadCommand] = [.get, .set]
    /// `--keys`: keys numbered 0 ..< keys under `LoadKeys.prefix`.
    public var keys = 10_000
    /// `--value-size`: bytes in each SET, LPUSH and HSET value.
    public var valueSize = 64
    /// `--rate`: total operations per second across all workers; nil means as fast as it goes.
    public var rate: Double?
    /// `--duration`: seconds to run; nil means until stopped.
    public var duration: Double? = 10
    /// `--pipeline`: commands per round trip.
    public var pipeline = 1
    /// Seconds per report window (`--interval`).
    public var interval = 1.0
    /// Seed of the mix (commands and keys); the same seed sends the same sequence per worker.
    public var seed: UInt64 = 1
    /// The load flags typed on the command line, in order, for errors and provenance.
    public var givenFlags: [String] = []

    public init() {}

    /// The flags only `--load` reads.
    public static let flags = ["--workers", "--commands", "--keys", "--value-size", "--rate", "--duration", "--pipeline"]

    public var writes: Bool { commands.contains { $0.writes } }

    /// Rules between settings and with the profile, checked before any socket opens. Load is a
    /// demo and test tool: in production it may only read (GET, HGET, PING), never write.
    public func validate(load: Bool, profile: Profile, hasCommand: Bool) throws(ConsoleError) {
        guard load else {
            if let flag = givenFlags.first {
                throw ConsoleError(.usage, "\(flag) only applies to the load generator",
                                   hint: "add --load to run it, or remove \(flag)")
            }
            return
        }
        if hasCommand {
            throw ConsoleError(.usage, "--load sends its own commands and takes no command on the command line",
                               hint: "remove the command; choose the mix with --commands GET,SET,...")
        }
        if profile == .production, writes {
            let written = commands.filter(\.writes).map(\.rawValue).joined(separator: ",")
            throw ConsoleError(.configuration,
                               "refused: the production profile does not allow the load generator to write (\(written))",
                               hint: "use a read-only mix in production, e.g. --commands GET,HGET,PING, "
                                   + "or run the write load against a development or testing server")
        }
    }
}
