/// How the REPL's line editor behaves.
public struct LineEditorSettings: Sendable, Equatable {
    /// `--vi`: vi key bindings instead of emacs ones.
    public var viMode: Bool
    /// Reads ~/.editrc (or $EDITRC), so a user's own `bind -v` or key bindings apply.
    public var readsEditrc: Bool
    /// How many lines the in-memory history keeps.
    public var historyCapacity: Int

    public init(viMode: Bool = false, readsEditrc: Bool = true, historyCapacity: Int = 1000) {
        self.viMode = viMode
        self.readsEditrc = readsEditrc
        self.historyCapacity = historyCapacity
    }
}

/// What one `readLine` produced.
public enum LineInput: Sendable, Equatable {
    /// The line as typed, UTF-8 bytes without the newline.
    case line([UInt8])
    /// Ctrl-C: the typed line is discarded and the caller shows a new prompt.
    case interrupted
    /// Ctrl-D on an empty line, or the input closed.
    case endOfFile
}
