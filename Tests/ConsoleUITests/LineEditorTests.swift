import ConsoleUI
import Glibc
import Testing

/// The real editor (libedit) on a pseudo-terminal, with scripted keys. Serialized: libedit's
/// terminal setup goes through libtinfo's global state.
extension TerminalSuites {
@Suite(.serialized)
struct LineEditorTests {
    private static let up = "\u{1b}[A"
    private static let left = "\u{1b}[D"
    /// The end of a hint's drawing: the cursor restored.
    private static let hintDrawn = "\u{1b}8"

    private func line(_ text: String) -> LineInput { .line(Array(text.utf8)) }

    @Test func returnsATypedLine() {
        let driver = EditorDriver(terminal: PseudoTerminal())
        #expect(driver.read(typing: ["SET a b\r"]) == line("SET a b"))
    }

    @Test func editsWithEmacsKeys() {
        let driver = EditorDriver(terminal: PseudoTerminal())
        // Ctrl-A then Ctrl-K: the whole line is killed.
        #expect(driver.read(typing: ["SET a\u{01}\u{0b}\r"]) == line(""))
        // Left arrow, then an insertion in the middle.
        #expect(driver.read(typing: ["SET ab\(Self.left)X\r"]) == line("SET aXb"))
        // Ctrl-W deletes the word before the cursor; Ctrl-U the line before it.
        #expect(driver.read(typing: ["GET one two\u{17}three\r"]) == line("GET one three"))
        #expect(driver.read(typing: ["junk\u{15}PING\r"]) == line("PING"))
        // Alt-B moves back a word, Ctrl-E back to the end.
        #expect(driver.read(typing: ["GET key\u{1b}bmy\u{05}s\r"]) == line("GET mykeys"))
    }

    @Test func recallsRememberedLinesWithUp() {
        let driver = EditorDriver(terminal: PseudoTerminal())
        driver.editor.preload(["GET first"])
        driver.editor.remember("GET second")
        #expect(driver.read(typing: [Self.up + "\r"]) == line("GET second"))
        #expect(driver.read(typing: [Self.up + Self.up + "\r"]) == line("GET first"))
        // Ctrl-P is Up too.
        #expect(driver.read(typing: ["\u{10}\r"]) == line("GET second"))
    }

    @Test func ctrlRSearchesBackwards() {
        let driver = EditorDriver(terminal: PseudoTerminal())
        driver.editor.preload(["SET alpha 1", "GET beta", "DEL gamma"])
        #expect(driver.read(typing: ["\u{12}alp\r"]) == line("SET alpha 1"))
    }

    @Test func tabCompletesASingleCandidateWithASpace() {
        let driver = EditorDriver(terminal: PseudoTerminal())
        driver.editor.completion = Self.commandCompletion
        #expect(driver.read(typing: ["hge\t", "field\r"]) == line("HGETALL field"))
    }

    @Test func tabCompletesTheCommonPrefixThenLists() {
        let terminal = PseudoTerminal()
        let driver = EditorDriver(terminal: terminal)
        driver.editor.completion = Self.commandCompletion
        // First Tab: `se` becomes the common prefix `SET`; second Tab lists the three.
        let result = driver.read(typing: ["se\t", "\t", "NX k v\r"], waitingFor: "SET")
        #expect(result == line("SETNX k v"))
        #expect(terminal.outputText.contains("SETEX     SETNX     SETRANGE"))
    }

    @Test func ctrlCDiscardsTheLineAndTheNextReadWorks() {
        let driver = EditorDriver(terminal: PseudoTerminal())
        #expect(driver.read(typing: ["SET a 1\u{03}"]) == .interrupted)
        #expect(driver.read(typing: ["GET b\r"]) == line("GET b"))
        // In the middle of a line too, and on an empty one.
        #expect(driver.read(typing: ["SET a 1\(Self.left)\(Self.left)\u{03}"]) == .interrupted)
        #expect(driver.read(typing: ["\u{03}"]) == .interrupted)
    }

    @Test func ctrlDEndsOnlyAnEmptyLine() {
        let driver = EditorDriver(terminal: PseudoTerminal())
        // On a line with text, Ctrl-D deletes the character under the cursor.
        #expect(driver.read(typing: ["GET ab\(Self.left)\u{04}\r"]) == line("GET a"))
        #expect(driver.read(typing: ["\u{04}"]) == .endOfFile)
    }

    @Test func multiByteCharactersComeBackAsUTF8() {
        let driver = EditorDriver(terminal: PseudoTerminal())
        #expect(driver.read(typing: ["SET k café\r"]) == line("SET k café"))
        #expect(driver.read(typing: ["SET 鍵 ü\(Self.left)\(Self.left)\u{7f}x\r"]) == line("SET x ü"))
    }

    @Test func hintIsDrawnButNeverPartOfTheLine() {
        let terminal = PseudoTerminal()
        let driver = EditorDriver(terminal: terminal)
        driver.editor.hint = { $0.uppercased() == "SET " ? "key value [NX|XX]" : nil }
        let result = driver.read(typing: ["SET ", "k v\r"], waitingFor: Self.hintDrawn)
        #expect(result == line("SET k v"))
        let output = terminal.outputText
        #expect(output.contains("\u{1b}[90mkey value [NX|XX]\u{1b}[0m"))
        // The key that followed erased it before libedit drew anything.
        let afterHint = output.split(separator: "\u{1b}8", omittingEmptySubsequences: false).last ?? ""
        #expect(afterHint.hasPrefix("\u{1b}[K"))
    }

    @Test func hintFollowsATerminalResize() {
        let terminal = PseudoTerminal()
        let driver = EditorDriver(terminal: terminal)
        let hint = String(repeating: "h", count: 60)
        driver.editor.hint = { $0.hasPrefix("SET") ? hint : nil }
        let result = driver.read(typing: ["SET ", "k", "\r"], waitingFor: Self.hintDrawn) { index in
            guard index == 0 else { return }
            // Narrower than prompt + line + hint: after the resize the hint is cut to fit.
            terminal.resize(columns: 40)
            terminal.drain(seconds: 0.6) { false }
        }
        #expect(result == line("SET k"))
        let drawings = terminal.outputText.split(separator: "\u{1b}[90m", omittingEmptySubsequences: false).dropFirst()
        let lengths = drawings.map { $0.prefix { $0 == "h" }.count }
        #expect(lengths.first == 60)
        // 40 columns - "rc> SET k" (9) - 1 spare column so the hint never wraps.
        #expect(lengths.last == 30)
    }

    @Test func viModeFromTheSettings() {
        let driver = EditorDriver(terminal: PseudoTerminal(), settings: LineEditorSettings(viMode: true, readsEditrc: false))
        // Escape to command mode, 0 to the start, i to insert.
        #expect(driver.read(typing: ["abc\u{1b}", "0iX\r"]) == line("Xabc"))
    }

    @Test func editrcIsReadAndCtrlCStillWorks() {
        // The test editrc says `bind -v`: vi keys, yet our own bindings survive it.
        let editrc = "/tmp/redis-console-editrc-\(getpid())"
        let file = fopen(editrc, "w")!
        fputs("bind -v\n", file)
        fclose(file)
        setenv("EDITRC", editrc, 1)
        let driver = EditorDriver(terminal: PseudoTerminal(), settings: LineEditorSettings(readsEditrc: true))
        unsetenv("EDITRC")
        unlink(editrc)
        #expect(driver.read(typing: ["abc\u{1b}", "0iX\r"]) == line("Xabc"))
        #expect(driver.read(typing: ["zz\u{03}"]) == .interrupted)
    }

    @Test func readsPlainLinesWhenInputIsNotATerminal() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let terminal = PseudoTerminal()
        defer { close(fds[0]) }
        _ = "GET a\r\nSET b c\n".withCString { write(fds[1], $0, strlen($0)) }
        close(fds[1])
        let editor = LineEditor(input: fds[0], output: terminal.slave, settings: LineEditorSettings(readsEditrc: false))
        #expect(editor.readLine(prompt: "rc> ") == line("GET a"))
        #expect(editor.readLine(prompt: "rc> ") == line("SET b c"))
        #expect(editor.readLine(prompt: "rc> ") == .endOfFile)
    }

    /// Completes the last word from a few command names, as the REPL will.
    private static func commandCompletion(_ before: String) -> CompletionResult {
        let word = before.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let names = ["GET", "HGETALL", "SETEX", "SETNX", "SETRANGE"]
        let matches = names.filter { $0.lowercased().hasPrefix(word.lowercased()) }
        return CompletionResult(candidates: matches, replaceLength: word.count)
    }
}
}
