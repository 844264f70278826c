import Testing
import ConnCore

/// When a session's held connection may go back to the pool, and what its database is.
struct HeldConnectionStateTests {
    static let ok = RESPValue.simple("OK")
    static let queued = RESPValue.simple("QUEUED")

    static func feed(_ state: inout HeldConnectionState, _ words: String..., reply: RESPValue) -> HeldConnectionState.Outcome {
        let argv = words.map { Array($0.utf8) }
        return state.record(SessionEffect.of(argv), name: words[0].uppercased(), reply: reply)
    }

    @Test func multiHoldsUntilExecAndUnwatchInsideMultiIsOnlyQueued() {
        var state = HeldConnectionState()
        #expect(Self.feed(&state, "MULTI", reply: Self.ok).next == .keep)
        #expect(state.inTransaction)
        #expect(Self.feed(&state, "SET", "a", "1", reply: Self.queued).next == .keep)
        // The review's bug: UNWATCH inside MULTI is queued, the connection is still in MULTI.
        #expect(Self.feed(&state, "UNWATCH", reply: Self.queued).next == .keep)
        #expect(state.inTransaction)
        #expect(Self.feed(&state, "EXEC", reply: .array([Self.ok, Self.ok])).next == .release)
        #expect(!state.inTransaction && state.hold == nil)
    }

    @Test func aQueuedSelectCountsOnlyWhenExecRanIt() {
        var state = HeldConnectionState()
        _ = Self.feed(&state, "MULTI", reply: Self.ok)
        #expect(Self.feed(&state, "SELECT", "3", reply: Self.queued).database == .unchanged)
        #expect(Self.feed(&state, "EXEC", reply: .array([Self.ok])).database == .selected(3))

        _ = Self.feed(&state, "MULTI", reply: Self.ok)
        _ = Self.feed(&state, "SELECT", "4", reply: Self.queued)
        #expect(Self.feed(&state, "DISCARD", reply: Self.ok).database == .unchanged)

        _ = Self.feed(&state, "MULTI", reply: Self.ok)
        _ = Self.feed(&state, "GET", "k", reply: Self.queued)
        _ = Self.feed(&state, "SELECT", "99", reply: Self.queued)
        let refused = RESPValue.errorText("ERR DB index is out of range")
        #expect(Self.feed(&state, "EXEC", reply: .array([.null, refused])).database == .unchanged)
        // A WATCH that fired: EXEC answers nil and nothing ran.
        _ = Self.feed(&state, "WATCH", "k", reply: Self.ok)
        _ = Self.feed(&state, "MULTI", reply: Self.ok)
        _ = Self.feed(&state, "SELECT", "5", reply: Self.queued)
        #expect(Self.feed(&state, "EXEC", reply: .null) == .init(next: .release, database: .unchanged))
    }

    @Test func watchIsHeldUntilUnwatchButNotUntilAFailedExec() {
        var state = HeldConnectionState()
        #expect(Self.feed(&state, "WATCH", "k", reply: Self.ok).next == .keep)
        #expect(Self.feed(&state, "EXEC", reply: .errorText("ERR EXEC without MULTI")).next == .keep)
        #expect(Self.feed(&state, "UNWATCH", reply: Self.ok).next == .release)
    }

    @Test func aRefusedMultiLeavesNothingHeld() {
        var state = HeldConnectionState()
        #expect(Self.feed(&state, "MULTI", reply: .errorText("NOPERM")).next == .release)
        #expect(state.hold == nil && !state.inTransaction)
    }

    @Test func sessionStateIsHeldAndItsLossIsRemembered() {
        var state = HeldConnectionState()
        #expect(Self.feed(&state, "AUTH", "u", "p", reply: Self.ok).next == .keep)
        _ = Self.feed(&state, "MULTI", reply: Self.ok)
        #expect(Self.feed(&state, "EXEC", reply: .array([])).next == .keep, "AUTH state still holds it")
        #expect(!state.inTransaction)
        state.connectionLost()
        #expect(state.sessionStateLost && state.hold == nil)
        _ = Self.feed(&state, "AUTH", "u", "p", reply: Self.ok)
        #expect(!state.sessionStateLost)
    }

    @Test func aRefusedAuthHoldsNothing() {
        var state = HeldConnectionState()
        #expect(Self.feed(&state, "AUTH", "u", "wrong", reply: .errorText("WRONGPASS invalid")).next == .release)
        #expect(state.hold == nil)
    }

    @Test func resetGoesBackToDatabaseZeroAndEndsMulti() {
        var state = HeldConnectionState()
        _ = Self.feed(&state, "MULTI", reply: Self.ok)
        _ = Self.feed(&state, "EXEC", reply: .array([]))
        _ = Self.feed(&state, "HELLO", "2", reply: .array([]))
        #expect(Self.feed(&state, "RESET", reply: .simple("RESET")).database == .selected(0))
        #expect(!state.inTransaction)
    }

    @Test func streamsAreHeld() {
        var state = HeldConnectionState()
        #expect(Self.feed(&state, "SUBSCRIBE", "c", reply: .array([])).next == .keep)
        #expect(state.hold == .stream)
    }
}
