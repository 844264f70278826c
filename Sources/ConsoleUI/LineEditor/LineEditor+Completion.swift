import CEditLine

/// Tab (bound to rc-complete): asks `completion`, then edits the line through libedit's
/// public calls, so its picture of the line (and its redisplay) stays true.
extension LineEditor {
    func complete() -> UInt8 {
        guard let editLine, let completion,
              let (action, before, ambiguous) = EditorSetup.tabAction(editLine, completion, lineAfterAmbiguousTab: lineAfterAmbiguousTab)
        else { return UInt8(CC_ERROR) }
        lineAfterAmbiguousTab = nil

        switch action {
        case .replace(let count, let text):
            if count > 0 { el_deletestr(editLine, Int32(count)) }
            let wide = TerminalText.wide(text)
            el_winsertstr(editLine, wide)
            if ambiguous { lineAfterAmbiguousTab = EditedLine(editLine) }
            return UInt8(CC_REFRESH)
        case .list(let candidates):
            showCandidates(candidates, below: before, editLine)
            lineAfterAmbiguousTab = before
            return UInt8(CC_REDISPLAY)
        case .beep:
            if ambiguous { lineAfterAmbiguousTab = before }
            return UInt8(CC_REFRESH_BEEP)
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
