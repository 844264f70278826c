@testable import ConsoleUI
import Glibc
import Testing

/// The editor's pure parts: what a Tab does, how candidates are laid out, how a hint is drawn.
struct TabCompletionTests {
    private let several = CompletionResult(candidates: ["SETEX", "SETNX", "SETRANGE"], replaceLength: 2)

    @Test func oneCandidateIsInsertedWithASpace() {
        let result = CompletionResult(candidates: ["HGETALL"], replaceLength: 3)
        #expect(CompletionAction.decide(typed: "hge", result: result, isRepeat: false)
                == .replace(count: 3, text: "HGETALL "))
    }

    @Test func severalInsertTheCommonPrefixThenList() {
        #expect(CompletionAction.decide(typed: "se", result: several, isRepeat: false) == .replace(count: 2, text: "SET"))
        let again = CompletionResult(candidates: several.candidates, replaceLength: 3)
        #expect(CompletionAction.decide(typed: "SET", result: again, isRepeat: false) == .beep)
        #expect(CompletionAction.decide(typed: "SET", result: again, isRepeat: true) == .list(several.candidates))
    }

    @Test func nothingToOfferBeeps() {
        #expect(CompletionAction.decide(typed: "zz", result: CompletionResult(candidates: [], replaceLength: 2),
                                        isRepeat: true) == .beep)
    }

    @Test func typedTextIsNeverShortened() {
        let result = CompletionResult(candidates: ["GET", "GETDEL"], replaceLength: 4)
        #expect(CompletionAction.decide(typed: "GETX", result: result, isRepeat: false) == .beep)
    }

    @Test func commonPrefixWorksOnCharactersNotBytes() {
        #expect(CompletionAction.commonPrefix(["café", "cafè"]) == "caf")
        #expect(CompletionAction.commonPrefix(["a"]) == "a")
        #expect(CompletionAction.commonPrefix([]) == "")
    }

    @Test func candidatesFillColumnsTopToBottom() {
        let rows = CandidateColumns.rows(["a", "bb", "ccc", "d", "e"], terminalWidth: 16)
        // Cells of 5 columns, 3 per row of 16: 2 rows, filled down first.
        #expect(rows == ["a    ccc  e", "bb   d"])
        #expect(CandidateColumns.rows(["only"], terminalWidth: 3) == ["only"])
    }

    @Test func hintIsGreyCutToFitAndRestoresTheCursor() {
        setlocale(LC_CTYPE, "C.UTF-8")  // as the editor sets it: wcwidth knows wide characters
        #expect(HintOverlay.drawing("key value", availableColumns: 20)
                == "\u{1b}7\u{1b}[90mkey value\u{1b}[0m\u{1b}[K\u{1b}8")
        #expect(HintOverlay.drawing("key value", availableColumns: 3) == "\u{1b}7\u{1b}[90mkey\u{1b}[0m\u{1b}[K\u{1b}8")
        #expect(HintOverlay.drawing("鍵鍵", availableColumns: 3) == "\u{1b}7\u{1b}[90m鍵\u{1b}[0m\u{1b}[K\u{1b}8")
        #expect(HintOverlay.drawing("a\nb", availableColumns: 10) == "\u{1b}7\u{1b}[90mab\u{1b}[0m\u{1b}[K\u{1b}8")
        #expect(HintOverlay.drawing("key", availableColumns: 0) == nil)
    }
}
