/// `--pipe` (mass insertion): bytes the user prepared go out as they are, and replies are read
/// as they come, with no pairing of requests and replies. A connection used this way is never
/// pooled: the caller opens it from the factory and closes it.
extension RedisConnection {
    /// Writes `bytes` unchanged. Never retried: on failure the connection is closed and the
    /// error says how far the transfer got is unknown.
    public func sendRaw(_ bytes: [UInt8], deadline: Deadline) throws(ConsoleError) {
        try checkUsable()
        do {
            try stream.write(bytes, deadline: deadline)
        } catch {
            close()
            throw error
        }
    }

    /// The replies complete by `deadline`: those already buffered at once, else what one read
    /// brings. An empty result means nothing arrived in time; the connection stays usable (a
    /// quiet moment is normal here, unlike a request waiting for its reply).
    public func receiveRaw(until deadline: Deadline) throws(ConsoleError) -> [RESPValue] {
        try checkUsable()
        do {
            var replies = try decodeBuffered()
            if !replies.isEmpty { return replies }
            let count: Int
            do {
                count = try stream.read(into: readBuffer, deadline: deadline)
            } catch where error.kind == .timeout {
                return []
            }
            try decoder.feed(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
            replies = try decodeBuffered()
            return replies
        } catch {
            close()
            throw error
        }
    }

    private func decodeBuffered() throws(ConsoleError) -> [RESPValue] {
        var replies: [RESPValue] = []
        while let reply = try decoder.next() { replies.append(reply) }
        return replies
    }
}
