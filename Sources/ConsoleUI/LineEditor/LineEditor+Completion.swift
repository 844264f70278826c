import CEditLine

/// Tab (bound to rc-complete): asks `completion`, then edits the line through libedit's
/// public calls, so its picture of the line (and its redisplay) stays true.
extension LineEditor {
    func complete() -> UInt8 {
        guard let editLine, let completion else { return UInt8(CC_ERROR) }
        return EditorSetup.performTab(editLine, completion, memory: &lineAfterAmbiguousTab) { candidates, before in
            showCandidates(candidates, below: before, editLine)
            return UInt8(CC_REDISPLAY)
        }
    }

    /// Prints the candidates under the line; CC_REDISPLAY then draws prompt and line anew below.
    private func showCandidates(_ candidates: [String], below line: EditedLine, _ editLine: OpaquePointer) {
        let columns = max(1, Int(rc_el_columns(editLine)))
        let cursorRow = (promptWidth + TerminalText.width(of: line.beforeCursor)) / columns
        let lastRow = (promptWidth + TerminalText.width(of: line.scalars)) / columns
        var text = String(repeating: "\r\n", count: lastRow - cursorRow + 1)
        for row in CandidateColumns.rows(candidates, terminalWidth: columns) { text += row + "\u{1b}[K\r\n" }
        // CC_REDISPLAY first clears upwards from the row libedit believes the cursor is on:
        // blank rows for it to clear keep the list intact.
        text += String(repeating: "\r\n", count: cursorRow)
        emit(text)
    }
}
