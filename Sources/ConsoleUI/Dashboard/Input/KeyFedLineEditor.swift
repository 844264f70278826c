import CEditLine
import Glibc

/// What one key did to the line being edited.
public enum KeyFedResult: Equatable, Sendable {
    /// The line so far, and the cursor's display column within it.
    case editing(text: String, cursorColumn: Int)
    /// Enter: the line as typed, UTF-8 bytes without the newline.
    case line([UInt8])
    /// Ctrl-C: the line is discarded.
    case interrupted
    /// Ctrl-D on an empty line.
    case endOfFile
}

/// libedit for the dashboard: an EditLine on a pseudo-terminal of its own, fed one key at a time
/// by the UI thread and never touching the real terminal. What libedit draws goes to the pty
/// master and is discarded; the caller draws the line from the `.editing` results.
///
/// Create it before `initscr()`: `el_init` sets up libtinfo's current terminal, which ncurses
/// shares. libedit runs on a thread of its own (a command may read several keys), but only
/// while `feed` waits for it, so the editor belongs to one thread like `LineEditor`.
public final class KeyFedLineEditor {
    /// Candidates for the word before the cursor, asked on Tab (on libedit's thread, while the
    /// feeding thread waits).
    public var completion: ((_ lineBeforeCursor: String) -> CompletionResult)? {
        get { session.completion }
        set { session.completion = newValue }
    }
    /// The candidates the last key listed (a second Tab on an ambiguous word), else empty.
    public var listedCandidates: [String] { session.listedCandidates }

    private let session: KeyFedSession
    private var thread = pthread_t()
    private var lastEditing = KeyFedResult.editing(text: "", cursorColumn: 0)

    public init(settings: LineEditorSettings = LineEditorSettings()) {
        session = KeyFedSession(settings: settings)
        guard session.editLine != nil else { return }
        let retained = Unmanaged.passRetained(session).toOpaque()
        pthread_create(&thread, nil, { argument in
            let session = Unmanaged<KeyFedSession>.fromOpaque(argument!).takeRetainedValue()
            session.run()
            return nil
        }, retained)
        _ = session.handoff.waitUntilParked(whileWaiting: session.drain)
    }

    deinit {
        guard session.editLine != nil else { return }
        session.handoff.close()
        session.drain()
        pthread_join(thread, nil)
        session.end()
    }

    /// Adds a line to the history (Up, Ctrl-R); a repeat of the last is skipped.
    public func remember(_ line: String) {
        session.remember(line)
    }

    /// Earlier sessions' entries, oldest first.
    public func preload(_ entries: [String]) {
        entries.forEach(remember)
    }

    /// Runs libedit for `key` and reports the line. Keys that do not edit (resize, function
    /// keys) only report it.
    public func feed(_ key: DashboardKey) -> KeyFedResult {
        guard session.editLine != nil else { return .endOfFile }
        let keys = Self.libeditKeys(for: key)
        session.listedCandidates = []  // libedit's thread is parked until `deliver`
        guard session.handoff.deliver(keys, whileWaiting: session.drain) else { return lastEditing }
        if let finished = session.takeFinished() {
            lastEditing = .editing(text: "", cursorColumn: 0)
            return finished
        }
        lastEditing = session.currentLine()
        return lastEditing
    }

    /// ncurses key codes mean nothing to libedit: each becomes what a terminal sends, bound
    /// explicitly at start (in emacs and vi maps alike).
    static func libeditKeys(for key: DashboardKey) -> [Unicode.Scalar] {
        switch key {
        case .scalar(let scalar): return [scalar]
        case .interrupt: return ["\u{03}"]
        case .backspace: return ["\u{7F}"]
        case .left, .right, .up, .down, .home, .end, .delete:
            return KeyFedSession.sequences.first { $0.key == key }.map { Array($0.sequence.unicodeScalars) } ?? []
        case .resize, .pageUp, .pageDown, .function, .terminationRequested, .code: return []
        }
    }
}
