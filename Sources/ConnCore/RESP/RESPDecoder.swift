import CHiredis

/// Limits on what a reply may declare, checked before anything is allocated for it.
public struct ReplyLimits: Sendable, Equatable {
    /// Largest array a reply may declare.
    public var maxArrayElements: Int64 = 64 * 1024 * 1024
    /// Largest string a reply may declare (Redis's own proto-max-bulk-len default).
    public var maxBulkLength: Int64 = 512 * 1024 * 1024
    /// Most bytes buffered for one reply still incomplete (Redis's own proto-max-bulk-len is 512 MB).
    public var maxPendingBytes: Int = 512 * 1024 * 1024 + 1024

    public init() {}
}

/// Parses RESP2 bytes with hiredis's reader into `RESPValue`s. A protocol error is final:
/// hiredis's reader never recovers, and neither does the connection that owns this decoder.
public final class RESPDecoder {
    private let reader: UnsafeMutablePointer<redisReader>
    private let limits: ReplyLimits
    private var failure: ConsoleError?

    public init(limits: ReplyLimits = ReplyLimits()) {
        guard let reader = rc_reader_create(limits.maxArrayElements) else {
            fatalError("hiredis could not allocate a reader")  // malloc failed: nothing sane to do
        }
        self.reader = reader
        self.limits = limits
    }

    deinit { rc_reader_free(reader) }

    public func feed(_ bytes: UnsafeRawBufferPointer) throws(ConsoleError) {
        if let failure { throw failure }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        guard redisReaderFeed(reader, base.assumingMemoryBound(to: CChar.self), bytes.count) == REDIS_OK else {
            throw fail("the reply could not be buffered (out of memory)")
        }
        if rc_reader_pending_bytes(reader) > limits.maxPendingBytes {
            throw fail("the reply is larger than \(limits.maxPendingBytes) bytes")
        }
    }

    public func feed(_ bytes: [UInt8]) throws(ConsoleError) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        defer { copy.deallocate() }
        copy.copyBytes(from: bytes)
        try feed(UnsafeRawBufferPointer(copy))
    }

    /// The next complete reply, or nil when more bytes are needed.
    /// Bytes fed but not yet returned as a reply (a reply nobody asked for, or half of one).
    public var hasBufferedBytes: Bool { rc_reader_pending_bytes(reader) > 0 }

    public func next() throws(ConsoleError) -> RESPValue? {
        if let failure { throw failure }
        var raw: UnsafeMutableRawPointer?
        guard redisReaderGetReply(reader, &raw) == REDIS_OK else {
            let refused = rc_reader_refused_elements(reader)
            if refused != 0 {
                throw fail("the reply declares an array of \(refused) elements, above the limit of \(limits.maxArrayElements)")
            }
            let reason = withUnsafeBytes(of: reader.pointee.errstr) { buffer in
                String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
            }
            throw fail(reason)
        }
        guard let raw else {
            try checkPendingBulkHeader()
            return nil
        }
        let reply = raw.assumingMemoryBound(to: redisReply.self)
        defer { freeReplyObject(raw) }
        return Self.convert(reply)
    }

    /// hiredis 0.14 waits for a whole bulk string before it checks its length, so a header like
    /// `$99999999999999` would have us buffer until the deadline: refuse it at the header.
    private func checkPendingBulkHeader() throws(ConsoleError) {
        let length = rc_reader_pending_bulk_length(reader)
        if length > limits.maxBulkLength {
            throw fail("the reply declares a string of \(length) bytes, above the limit of \(limits.maxBulkLength)")
        }
    }

    private func fail(_ reason: String) -> ConsoleError {
        let error = ConsoleError(
            .protocolError, "the server sent an invalid reply: \(reason)",
            hint: "the connection was closed; check that the port belongs to a Redis server (not a proxy or another service)")
        failure = error
        return error
    }

    private static func convert(_ reply: UnsafeMutablePointer<redisReply>) -> RESPValue {
        let r = reply.pointee
        func bytes() -> [UInt8] {
            guard let str = r.str, r.len > 0 else { return [] }
            return str.withMemoryRebound(to: UInt8.self, capacity: r.len) {
                Array(UnsafeBufferPointer(start: $0, count: r.len))
            }
        }
        switch r.type {
        case REDIS_REPLY_STRING: return .bulkString(bytes())
        case REDIS_REPLY_STATUS: return .simpleString(bytes())
        case REDIS_REPLY_ERROR: return .error(bytes())
        case REDIS_REPLY_INTEGER: return .integer(r.integer)
        case REDIS_REPLY_ARRAY:
            var elements: [RESPValue] = []
            elements.reserveCapacity(r.elements)
            for index in 0..<r.elements {
                if let element = r.element[index] { elements.append(convert(element)) }
            }
            return .array(elements)
        default: return .null
        }
    }
}
