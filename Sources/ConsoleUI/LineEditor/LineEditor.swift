import CEditLine
import Glibc

/// The REPL's line editor over libedit, on a terminal: emacs keys (or vi), history recall and
/// Ctrl-R search, Tab completion, and redis-cli's grey argument hints. libedit is not
/// thread-safe, so one thread owns an editor. When input or output is not a terminal, lines
/// are read plainly (libedit would return control characters literally there).
///
/// The editor never writes files: the caller decides what reaches the history file (secrets
/// must not) and hands earlier sessions' entries to `preload`.
public final class LineEditor {
    /// Candidates for the word before the cursor, asked on Tab.
    public var completion: ((_ lineBeforeCursor: String) -> CompletionResult)?
    /// Grey text shown after the line while the cursor is at its end (not part of the line).
    public var hint: ((_ line: String) -> String?)?

    private let input: Int32
    private let output: Int32
    /// Reads our duplicate of `input`, like libedit.
    private(set) var keys: TerminalKeys
    private(set) var editLine: OpaquePointer?
    private var history: OpaquePointer?
    private var streams: (input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>)?
    private var plainReader: LineReader?

    // Shared with the libedit callbacks.
    private(set) var promptText: UnsafeMutablePointer<CChar>?
    private(set) var promptWidth = 0
    var interruptRequested = false
    var hintShown = false
    var lineAfterAmbiguousTab: EditedLine?

    public init(input: Int32 = 0, output: Int32 = 1, settings: LineEditorSettings = LineEditorSettings()) {
        self.input = input
        self.output = output
        keys = TerminalKeys(fd: input)
        guard isatty(input) == 1 && isatty(output) == 1 && start(settings) else {
            plainReader = LineReader(input: input)
            return
        }
    }

    deinit {
        if let editLine { el_end(editLine) }  // also puts the terminal back as it found it
        if let history { history_end(history) }
        if let streams {
            fclose(streams.input)
            fclose(streams.output)
        }
        free(promptText)
    }

    /// One line from the user. Ctrl-C gives `.interrupted`, Ctrl-D on an empty line `.endOfFile`.
    public func readLine(prompt: String) -> LineInput {
        guard let editLine else { return readPlainLine(prompt: prompt) }
        setPrompt(prompt)
        interruptRequested = false
        lineAfterAmbiguousTab = nil
        // Raw before the prompt shows: keys typed as soon as it appears must not meet the
        // terminal's own line editing (^W, ^U, ^R) or its ^C. el_wgets returns it to cooked.
        rc_el_prepare_terminal(editLine, 1)
        var count: Int32 = 0
        let text = el_wgets(editLine, &count)
        if interruptRequested { return .interrupted }
        guard let text, count > 0 else {
            emit("\n")  // libedit leaves the cursor after "^D"; the caller's next output starts clean
            return .endOfFile
        }
        var scalars = TerminalText.scalars(text, count: Int(count))
        if scalars.last == "\n" { scalars.removeLast() }
        return .line(TerminalText.utf8(scalars))
    }

    /// Adds a line to the in-memory history (Up, Ctrl-P, Ctrl-R); a repeat of the last is skipped.
    public func remember(_ line: String) {
        guard let history else { return }
        var event = HistEvent()
        rc_history_enter(history, &event, line)
    }

    /// Earlier sessions' entries, oldest first.
    public func preload(_ entries: [String]) {
        entries.forEach(remember)
    }

    /// Writes through libedit's own stream, so our output and libedit's keep their order.
    func emit(_ text: String) {
        guard let file = streams?.output else { return }
        fputs(text, file)
        fflush(file)
    }

    private func start(_ settings: LineEditorSettings) -> Bool {
        TerminalLocale.prepareCharacterHandling()
        // libedit works on duplicates (and FILE streams over them, which we close at the end):
        // the caller's descriptors stay theirs to close, in any order.
        guard let inputFile = fdopen(dup(input), "r") else { return false }
        guard let outputFile = fdopen(dup(output), "w") else {
            fclose(inputFile)
            return false
        }
        streams = (inputFile, outputFile)
        keys = TerminalKeys(fd: fileno(inputFile))
        guard let editLine = el_init_fd("redis-console", inputFile, outputFile, rc_stderr(),
                                        fileno(inputFile), fileno(outputFile), STDERR_FILENO) else { return false }
        self.editLine = editLine
        installCallbacks(on: editLine)
        rc_el_set_editor(editLine, settings.viMode ? "vi" : "emacs")
        rc_el_disable_tty_signals(editLine)

        history = EditorSetup.attachHistory(to: editLine, capacity: settings.historyCapacity)

        if settings.readsEditrc { el_source(editLine, nil) }
        // After ~/.editrc: a `bind -v` there resets every map, and these keys must keep working.
        rc_el_bind(editLine, "^R", "em-inc-search-prev")
        rc_el_bind(editLine, "^I", Self.completeFunction)
        rc_el_bind(editLine, "^C", Self.interruptFunction)
        return true
    }

    private func setPrompt(_ prompt: String) {
        free(promptText)
        promptText = strdup(prompt)
        promptWidth = TerminalText.width(of: prompt)
    }

    private func readPlainLine(prompt: String) -> LineInput {
        if isatty(input) == 1 { _ = prompt.withCString { Glibc.write(output, $0, strlen($0)) } }
        guard let line = plainReader?.next() else { return .endOfFile }
        return .line(line)
    }
}
