import Testing
@testable import ConnCore

@Suite("Command timeouts") struct CommandTimeoutTests {
    private func timeout(_ words: String) -> CommandTimeout {
        CommandTimeout.of( words.split(separator: " ").map { Array($0.utf8) }, operationTimeout: 5)
    }

    @Test func ordinaryCommandsUseTheOperationTimeout() {
        #expect(timeout("GET k") == .seconds(5))
        #expect(timeout("XREAD STREAMS s 0") == .seconds(5))
    }

    @Test func blockingCommandsGetTheirOwnTimeoutPlusAMargin() {
        #expect(timeout("BLPOP a b 10") == .seconds(12))
        #expect(timeout("blmove a b LEFT RIGHT 0.5") == .seconds(2.5))
        #expect(timeout("BLMPOP 3 1 a LEFT") == .seconds(5))
        #expect(timeout("WAIT 1 1000") == .seconds(3))
        #expect(timeout("XREAD COUNT 1 BLOCK 20000 STREAMS s $") == .seconds(22))
        // DEBUG SLEEP answers when it wakes: never less than the operation timeout.
        #expect(timeout("DEBUG SLEEP 30") == .seconds(32))
        #expect(timeout("debug sleep 0.5") == .seconds(5))
        #expect(timeout("DEBUG OBJECT k") == .seconds(5))
    }

    @Test func zeroMeansForever() {
        #expect(timeout("BLPOP a 0") == .forever)
        #expect(timeout("XREADGROUP GROUP g c BLOCK 0 STREAMS s >") == .forever)
    }
}
