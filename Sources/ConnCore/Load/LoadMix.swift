/// Picks the next operations of one worker: a command from the mix and a key from the key
/// space, each uniformly, from a seeded generator. A pure value: the same seed gives the same
/// sequence, which the tests replay.
public struct LoadMix: Sendable, Equatable {
    /// One command to send: which, and on which key number.
    public struct Operation: Sendable, Equatable {
        public var command: LoadCommand
        public var key: Int
    }

    public let commands: [LoadCommand]
    public let keys: Int
    private var random: SeededRandomSource

    public init(commands: [LoadCommand], keys: Int, seed: UInt64) {
        precondition(!commands.isEmpty && keys > 0, "a load mix needs commands and keys")
        self.commands = commands
        self.keys = keys
        self.random = SeededRandomSource(seed: seed)
    }

    /// Worker `worker`'s mix: its own stream, derived from the run's seed.
    public static func forWorker(_ worker: Int, of settings: LoadSettings) -> LoadMix {
        LoadMix(commands: settings.commands, keys: settings.keys,
                seed: settings.seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(worker))
    }

    public mutating func next() -> Operation {
        let command = commands[Int(random.next() % UInt64(commands.count))]
        return Operation(command: command, key: Int(random.next() % UInt64(keys)))
    }

    /// The next `count` operations, one round trip's worth.
    public mutating func next(_ count: Int) -> [Operation] {
        (0..<count).map { _ in next() }
    }
}
