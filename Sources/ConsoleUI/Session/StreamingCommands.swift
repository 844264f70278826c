/// Commands after which the server keeps talking: redis-cli reads and prints messages until
/// the user interrupts.
enum StreamingCommands {
    static func isStreaming(_ argv: [[UInt8]]) -> Bool {
        guard let first = argv.first else { return false }
        let name = String(decoding: first, as: UTF8.self).uppercased()
        return ["SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "MONITOR"].contains(name)
    }

    /// redis-cli announces a subscription stream this way, except in raw output.
    static let readingMessagesBanner = Array("Reading messages... (press Ctrl-C to quit)\n".utf8)

    static func announcesStream(_ argv: [[UInt8]]) -> Bool {
        guard let first = argv.first else { return false }
        return String(decoding: first, as: UTF8.self).uppercased() != "MONITOR"
    }
}
