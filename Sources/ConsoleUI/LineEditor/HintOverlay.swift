/// redis-cli's argument hint: grey text after the cursor that is not part of the line.
/// libedit knows nothing of it, so the hint lives only while the editor waits for a key: drawn
/// just before a blocking read (cursor saved and restored), and erased as soon as a key arrives,
/// before libedit acts on it. libedit's picture of the screen thus stays true, and a line
/// accepted with Enter never keeps a hint in the scrollback.
enum HintOverlay {
    /// Clears from the cursor, which sits where the hint starts, to the end of the row.
    static let erase = "\u{1b}[K"

    /// The escapes that draw `hint` at the cursor in grey, cut to `availableColumns` so it never
    /// wraps (a wrapped hint could not be erased by one clear); nil when nothing fits.
    static func drawing(_ hint: String, availableColumns: Int) -> String? {
        let printable = TerminalText.string(hint.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F })
        let visible = TerminalText.prefix(of: printable, fitting: availableColumns)
        guard !visible.isEmpty else { return nil }
        return "\u{1b}7\u{1b}[90m" + visible + "\u{1b}[0m\u{1b}[K\u{1b}8"
    }
}
