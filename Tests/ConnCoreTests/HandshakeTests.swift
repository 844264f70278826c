import Testing
@testable import ConnCore

@Suite("Connection handshake") struct HandshakeTests {
    private func settings(user: String? = nil, password: String? = nil, db: Int = 0) -> ConnectionSettings {
        var settings = ConnectionSettings()
        settings.username = user
        settings.password = Secret(password)
        settings.database = db
        return settings
    }

    @Test func sendsOnlyWhatIsNeeded() {
        #expect(Handshake.commands(for: settings()) == [["CLIENT", "SETNAME", "redis-console"]])
        #expect(Handshake.commands(for: settings(password: "pw", db: 3)) ==
                [["AUTH", "pw"], ["SELECT", "3"], ["CLIENT", "SETNAME", "redis-console"]])
        #expect(Handshake.commands(for: settings(user: "alice", password: "pw")).first == ["AUTH", "alice", "pw"])
        // An empty password is no password: never AUTH "".
        #expect(Handshake.commands(for: settings(password: "")).allSatisfy { $0[0] != "AUTH" })
    }

    @Test func wrongPasswordIsExplainedWithoutThePassword() {
        let s = settings(user: "alice", password: "canary-pw")
        #expect {
            try Handshake.check(replies: [.errorText("WRONGPASS invalid username-password pair canary-pw"), .simple("OK")],
                                commands: Handshake.commands(for: s), settings: s, endpoint: "h:1")
        } throws: { error in
            guard let error = error as? ConsoleError else { return false }
            return error.kind == .authentication && error.message.contains("alice")
                && !error.description.contains("canary-pw") && error.hint != nil
        }
    }

    @Test func missingPasswordIsExplained() {
        let s = settings()
        #expect {
            try Handshake.check(replies: [.errorText("NOAUTH Authentication required.")],
                                commands: Handshake.commands(for: s), settings: s, endpoint: "h:1")
        } throws: { error in
            (error as? ConsoleError)?.message.contains("requires a password") == true
        }
    }

    @Test func refusedSetnameIsNotFatalButBadDatabaseIs() throws {
        let s = settings(db: 99)
        try Handshake.check(replies: [.simple("OK"), .errorText("NOPERM no permission")],
                            commands: [["SELECT", "99"], ["CLIENT", "SETNAME", "x"]], settings: s, endpoint: "h:1")
        #expect(throws: ConsoleError.self) {
            try Handshake.check(replies: [.errorText("ERR DB index is out of range"), .simple("OK")],
                                commands: Handshake.commands(for: s), settings: s, endpoint: "h:1")
        }
    }
}
