import Testing
@testable import ConnCore

@Suite("RESP codec") struct RESPCodecTests {
    @Test func encodesArgvAsRESPArrayOfBulkStrings() {
        #expect(RESPEncoder.encode(["SET", "k", "a b"]) == Array("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\na b\r\n".utf8))
        // Binary-safe: NUL and CRLF inside an argument travel as bytes.
        #expect(RESPEncoder.encode([[0, 13, 10]]) == Array("*1\r\n$3\r\n".utf8) + [0, 13, 10] + Array("\r\n".utf8))
        #expect(RESPEncoder.encode([[UInt8]()]) == Array("*1\r\n$0\r\n\r\n".utf8))
    }

    @Test func decodesEveryRESP2Type() throws {
        let decoder = RESPDecoder()
        try decoder.feed(Array("+OK\r\n-ERR bad\r\n:42\r\n$3\r\nfoo\r\n$-1\r\n*-1\r\n*0\r\n*2\r\n:1\r\n*1\r\n$0\r\n\r\n".utf8))
        #expect(try decoder.next() == .simple("OK"))
        #expect(try decoder.next() == .errorText("ERR bad"))
        #expect(try decoder.next() == .integer(42))
        #expect(try decoder.next() == .bulk("foo"))
        #expect(try decoder.next() == .null)
        #expect(try decoder.next() == .null)
        #expect(try decoder.next() == .array([]))
        #expect(try decoder.next() == .array([.integer(1), .array([.bulk("")])]))
        #expect(try decoder.next() == nil)
    }

    @Test func waitsForSplitReplies() throws {
        let decoder = RESPDecoder()
        try decoder.feed(Array("$5\r\nhel".utf8))
        #expect(try decoder.next() == nil)
        try decoder.feed(Array("lo\r\n".utf8))
        #expect(try decoder.next() == .bulk("hello"))
    }

    @Test func protocolErrorIsStickyAndExplained() throws {
        let decoder = RESPDecoder()
        try decoder.feed(Array("?garbage\r\n".utf8))
        #expect(throws: ConsoleError.self) { try decoder.next() }
        // Even valid bytes afterwards are refused: the connection must die.
        #expect(throws: ConsoleError.self) { try decoder.feed(Array("+OK\r\n".utf8)) }
        do {
            _ = try decoder.next()
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .protocolError)
            #expect(error.message.contains("invalid reply"))
        }
    }

    @Test func refusesAbsurdArrayBeforeAllocating() throws {
        var limits = ReplyLimits()
        limits.maxArrayElements = 1000
        let decoder = RESPDecoder(limits: limits)
        try decoder.feed(Array("*100000000\r\n".utf8))
        do {
            _ = try decoder.next()
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .protocolError)
            #expect(error.message.contains("100000000 elements"))
        }
    }

    @Test func refusesAbsurdBulkLengthAtItsHeader() throws {
        let decoder = RESPDecoder()
        try decoder.feed(Array("*2\r\n:1\r\n$99999999999999\r\nabc".utf8))
        #expect(throws: ConsoleError.self) { try decoder.next() }
        let fine = RESPDecoder()
        try fine.feed(Array("$5\r\nab".utf8))
        #expect(try fine.next() == nil)
    }

    @Test func refusesReplyLargerThanLimit() throws {
        var limits = ReplyLimits()
        limits.maxPendingBytes = 64
        let decoder = RESPDecoder(limits: limits)
        try decoder.feed(Array("$1000\r\n".utf8))
        #expect(throws: ConsoleError.self) { try decoder.feed([UInt8](repeating: 65, count: 100)) }
    }

    @Test func nestingDeeperThanHiredisSupportsIsAProtocolError() throws {
        let decoder = RESPDecoder()
        try decoder.feed(Array(String(repeating: "*1\r\n", count: 9).utf8) + Array(":1\r\n".utf8))
        #expect(throws: ConsoleError.self) { try decoder.next() }
        let shallow = RESPDecoder()
        try shallow.feed(Array(String(repeating: "*1\r\n", count: 7).utf8) + Array(":1\r\n".utf8))
        #expect(try shallow.next() != nil)
    }
}
