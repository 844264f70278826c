import Testing
import ConnCore

/// Which commands leave state on their connection, so the session must hold it.
struct SessionEffectTests {
    static func effect(_ words: String...) -> SessionEffect {
        SessionEffect.of(words.map { Array($0.utf8) })
    }

    @Test func transactionsHoldTheConnection() {
        #expect(Self.effect("multi") == .beginsTransaction)
        #expect(Self.effect("WATCH", "k") == .beginsTransaction)
        #expect(Self.effect("EXEC") == .endsTransaction)
        #expect(Self.effect("discard") == .endsTransaction)
        #expect(Self.effect("UNWATCH") == .endsTransaction)
    }

    @Test func streamsAndConnectionStateAreNeverShared() {
        for name in ["SUBSCRIBE", "psubscribe", "SSUBSCRIBE", "MONITOR"] {
            #expect(Self.effect(name, "c") == .startsStream)
        }
        #expect(Self.effect("CLIENT", "TRACKING", "on") == .holdsForSession)
        #expect(Self.effect("client", "reply", "off") == .holdsForSession)
        #expect(Self.effect("AUTH", "user", "pass") == .holdsForSession)
        #expect(Self.effect("HELLO", "3") == .holdsForSession)
    }

    @Test func selectChangesTheSessionDatabase() {
        #expect(Self.effect("SELECT", "3") == .selects(3))
        #expect(Self.effect("SELECT", "x") == .none)  // the server refuses it; nothing changes
        #expect(Self.effect("SELECT") == .none)
    }

    @Test func everythingElseIsStateless() {
        #expect(Self.effect("GET", "k") == .none)
        #expect(Self.effect("CLIENT", "LIST") == .none)
        #expect(Self.effect("PUBLISH", "c", "m") == .none)
        #expect(SessionEffect.of([]) == .none)
    }
}
