import CEditLine
import Glibc

/// The EditLine behind `KeyFedLineEditor`, with its pty and history. Used by libedit's thread
/// and the feeding thread in turn, never at once (`KeyHandoff` orders them).
final class KeyFedSession: @unchecked Sendable {
    static let completeFunction = "rc-complete"
    static let interruptFunction = "rc-interrupt"
    /// Dashboard keys as a terminal sends them, and the libedit function each is bound to.
    static let sequences: [(key: DashboardKey, sequence: String, function: String)] = [
        (.left, "\u{1b}[D", "ed-prev-char"), (.right, "\u{1b}[C", "ed-next-char"),
        (.up, "\u{1b}[A", "ed-prev-history"), (.down, "\u{1b}[B", "ed-next-history"),
        (.home, "\u{1b}[H", "ed-move-to-beg"), (.end, "\u{1b}[F", "ed-move-to-end"),
        (.delete, "\u{1b}[3~", "ed-delete-next-char"),
    ]

    let handoff = KeyHandoff()
    private(set) var editLine: OpaquePointer?
    private var history: OpaquePointer?
    private var master: Int32 = -1
    private var streams: (input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>)?

    var completion: ((String) -> CompletionResult)?
    /// Set by a Tab that lists candidates; emptied before each key (see `KeyFedLineEditor.feed`).
    var listedCandidates: [String] = []
    private var lineAfterAmbiguousTab: EditedLine?
    private var interruptRequested = false
    private var finished: KeyFedResult?

    init(settings: LineEditorSettings) {
        TerminalLocale.prepareCharacterHandling()
        var slave: Int32 = -1
        var size = winsize(ws_row: 24, ws_col: 500, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { return }
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        guard let inputFile = fdopen(slave, "r") else { close(slave); return }
        guard let outputFile = fdopen(dup(slave), "w") else { fclose(inputFile); return }
        streams = (inputFile, outputFile)
        guard let editLine = el_init_fd("redis-console", inputFile, outputFile, outputFile,
                                        fileno(inputFile), fileno(outputFile), fileno(outputFile)) else { return }
        self.editLine = editLine
        installCallbacks(on: editLine)
        rc_el_set_editor(editLine, settings.viMode ? "vi" : "emacs")
        history = EditorSetup.attachHistory(to: editLine, capacity: settings.historyCapacity)
        if settings.readsEditrc { el_source(editLine, nil) }
        // After ~/.editrc, which may reset every map.
        for entry in Self.sequences { rc_el_bind(editLine, entry.sequence, entry.function) }
        rc_el_bind(editLine, "^R", "em-inc-search-prev")
        rc_el_bind(editLine, "^I", Self.completeFunction)
        rc_el_bind(editLine, "^C", Self.interruptFunction)
        rc_el_set_unbuffered(editLine, 1)
    }

    /// libedit's thread: one `el_wgets` per key (EL_UNBUFFERED) until the handoff closes.
    func run() {
        guard let editLine else { return }
        while true {
            var count: Int32 = 0
            let text = el_wgets(editLine, &count)
            if handoff.isClosing { return }
            // In unbuffered mode an emptied line also returns NULL: only the flags say more.
            if interruptRequested {
                finish(.interrupted)
            } else if let text, count > 0 {
                var scalars = TerminalText.scalars(text, count: Int(count))
                if scalars == ["\u{04}"] {
                    finish(.endOfFile)  // libedit's unbuffered Ctrl-D on an empty line
                } else if scalars.last == "\n" {
                    scalars.removeLast()
                    finish(.line(TerminalText.utf8(scalars)))
                }
            }
        }
    }

    /// The result waiting since the last key, if a line ended.
    func takeFinished() -> KeyFedResult? {
        defer { finished = nil }
        return finished
    }

    func currentLine() -> KeyFedResult {
        guard let editLine, let line = EditedLine(editLine) else { return .editing(text: "", cursorColumn: 0) }
        return .editing(text: line.text, cursorColumn: TerminalText.width(of: line.beforeCursor))
    }

    func remember(_ line: String) {
        guard let history else { return }
        var event = HistEvent()
        rc_history_enter(history, &event, line)
    }

    /// Reads and discards what libedit wrote to its terminal, so it never blocks on a full pty.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while master >= 0 && read(master, &buffer, buffer.count) > 0 {}
    }

    /// After libedit's thread ended.
    func end() {
        if let editLine { el_end(editLine) }
        if let history { history_end(history) }
        if let streams {
            fclose(streams.input)
            fclose(streams.output)
        }
        editLine = nil
        history = nil
        streams = nil
        if master >= 0 { close(master) }
        master = -1
    }

    /// A fresh, empty line for the next key: EL_UNBUFFERED off and on.
    private func finish(_ result: KeyFedResult) {
        finished = result
        interruptRequested = false
        lineAfterAmbiguousTab = nil
        guard let editLine else { return }
        rc_el_set_unbuffered(editLine, 0)
        rc_el_set_unbuffered(editLine, 1)
    }

    private static func owner(of editLine: OpaquePointer?) -> KeyFedSession? {
        guard let editLine, let data = rc_el_clientdata(editLine) else { return nil }
        return Unmanaged<KeyFedSession>.fromOpaque(data).takeUnretainedValue()
    }

    private func installCallbacks(on editLine: OpaquePointer) {
        rc_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        rc_el_set_getcfn(editLine) { editLine, character in
            guard let session = KeyFedSession.owner(of: editLine), let character else { return -1 }
            guard let key = session.handoff.nextKey() else {
                character.pointee = 0
                return 0
            }
            character.pointee = wchar_t(bitPattern: key.value)
            return 1
        }
        rc_el_addfn(editLine, Self.completeFunction, "Complete the word before the cursor") { editLine, _ in
            KeyFedSession.owner(of: editLine)?.complete() ?? UInt8(CC_ERROR)
        }
        rc_el_addfn(editLine, Self.interruptFunction, "Discard the line") { editLine, _ in
            guard let session = KeyFedSession.owner(of: editLine) else { return UInt8(CC_ERROR) }
            session.interruptRequested = true
            return UInt8(CC_NEWLINE)
        }
    }

    private func complete() -> UInt8 {
        guard let editLine, let completion else { return UInt8(CC_ERROR) }
        return EditorSetup.performTab(editLine, completion, memory: &lineAfterAmbiguousTab) { candidates, _ in
            listedCandidates = candidates  // the dashboard draws the list itself
            return UInt8(CC_REFRESH)
        }
    }
}
