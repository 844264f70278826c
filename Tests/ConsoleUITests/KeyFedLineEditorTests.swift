@testable import ConsoleUI
import Testing

/// libedit on its own pty, fed dashboard keys: no real terminal needed. Serialized with the
/// other terminal suites: `el_init` goes through libtinfo's global state.
extension TerminalSuites {
@Suite(.serialized)
struct KeyFedLineEditorTests {
    init() { PseudoTerminal.prepareEnvironment }

    private func editor() -> KeyFedLineEditor {
        KeyFedLineEditor(settings: LineEditorSettings(readsEditrc: false))
    }

    @discardableResult
    private func type(_ text: String, into editor: KeyFedLineEditor) -> KeyFedResult {
        var last = KeyFedResult.editing(text: "", cursorColumn: 0)
        for scalar in text.unicodeScalars { last = editor.feed(.scalar(scalar)) }
        return last
    }

    private func line(_ text: String) -> KeyFedResult { .line(Array(text.utf8)) }

    @Test func typesKeyByKeyAndEntersTheLine() {
        let editor = editor()
        var typed = ""
        for scalar in "SET k v".unicodeScalars {
            typed.unicodeScalars.append(scalar)
            #expect(editor.feed(.scalar(scalar)) == .editing(text: typed, cursorColumn: typed.count))
        }
        #expect(editor.feed(.scalar("\r")) == line("SET k v"))
        #expect(type("PING", into: editor) == .editing(text: "PING", cursorColumn: 4))
        #expect(editor.feed(.scalar("\n")) == line("PING"))
    }

    @Test func insertsInTheMiddleAfterLeft() {
        let editor = editor()
        type("SET ab", into: editor)
        #expect(editor.feed(.left) == .editing(text: "SET ab", cursorColumn: 5))
        #expect(editor.feed(.scalar("X")) == .editing(text: "SET aXb", cursorColumn: 6))
        #expect(editor.feed(.home) == .editing(text: "SET aXb", cursorColumn: 0))
        #expect(editor.feed(.delete) == .editing(text: "ET aXb", cursorColumn: 0))
        #expect(editor.feed(.end) == .editing(text: "ET aXb", cursorColumn: 6))
        #expect(editor.feed(.scalar("\r")) == line("ET aXb"))
    }

    @Test func keepsEditingAfterBackspacingToEmpty() {
        let editor = editor()
        type("ab", into: editor)
        #expect(editor.feed(.backspace) == .editing(text: "a", cursorColumn: 1))
        #expect(editor.feed(.backspace) == .editing(text: "", cursorColumn: 0))
        #expect(type("c", into: editor) == .editing(text: "c", cursorColumn: 1))
        type("junk\u{15}", into: editor)  // Ctrl-U empties the line too
        #expect(type("GET x\r", into: editor) == line("GET x"))
    }

    @Test func recallsRememberedLinesWithUpAndSearch() {
        let editor = editor()
        editor.preload(["GET first"])
        editor.remember("GET second")
        #expect(editor.feed(.up) == .editing(text: "GET second", cursorColumn: 10))
        #expect(editor.feed(.up) == .editing(text: "GET first", cursorColumn: 9))
        #expect(editor.feed(.down) == .editing(text: "GET second", cursorColumn: 10))
        #expect(editor.feed(.scalar("\r")) == line("GET second"))
        type("\u{12}fir", into: editor)  // Ctrl-R
        #expect(editor.feed(.scalar("\r")) == line("GET first"))
    }

    @Test func interruptDiscardsTheLine() {
        let editor = editor()
        type("SET k", into: editor)
        #expect(editor.feed(.interrupt) == .interrupted)
        #expect(type("x", into: editor) == .editing(text: "x", cursorColumn: 1))
    }

    @Test func controlDOnAnEmptyLineIsEndOfFile() {
        let editor = editor()
        #expect(editor.feed(.scalar("\u{04}")) == .endOfFile)
        #expect(type("ok\r", into: editor) == line("ok"))
    }

    @Test func typesUTF8() {
        let editor = editor()
        #expect(type("GET 键é", into: editor) == .editing(text: "GET 键é", cursorColumn: 7))
        #expect(editor.feed(.scalar("\r")) == line("GET 键é"))
    }

    @Test func completesTheOnlyCandidateOnTab() {
        let editor = editor()
        editor.completion = { before in
            before.hasSuffix("se") ? CompletionResult(candidates: ["SET"], replaceLength: 2) : CompletionResult(candidates: [], replaceLength: 0)
        }
        #expect(type("se\t", into: editor) == .editing(text: "SET ", cursorColumn: 4))
        #expect(type("k v\r", into: editor) == line("SET k v"))
    }

    @Test func ignoresKeysThatDoNotEdit() {
        let editor = editor()
        type("ab", into: editor)
        #expect(editor.feed(.resize) == .editing(text: "ab", cursorColumn: 2))
        #expect(editor.feed(.function(1)) == .editing(text: "ab", cursorColumn: 2))
    }
}
}
