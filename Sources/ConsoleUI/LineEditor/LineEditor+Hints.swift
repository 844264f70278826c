import CEditLine
import Glibc

/// Keys reach libedit through here (EL_GETCFN), which is the one moment the editor knows the
/// screen is exactly as libedit drew it: the place to show a hint, and to take it away again
/// before libedit redraws anything.
extension LineEditor {
    func readKey(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        guard let editLine else { return -1 }
        showHintIfIdle(editLine)
        // libedit without EL_SIGNAL never hears of SIGWINCH: look for a new size while idle,
        // on this thread (a signal handler would resize from any thread, mid-redraw).
        let key = keys.next(whileIdle: { el_resize(editLine) })
        eraseHint()
        switch key {
        case .scalar(let scalar):
            character.pointee = wchar_t(bitPattern: scalar.value)
            return 1
        case .endOfInput:
            character.pointee = 0
            return 0
        case .failure(let code):
            character.pointee = 0
            errno = code
            return -1
        }
    }

    /// Draws the hint when the cursor ends the line and no key is already waiting (pasted text
    /// or the rest of an escape sequence would only make it flicker).
    private func showHintIfIdle(_ editLine: OpaquePointer) {
        guard let hint, !keys.hasPendingInput(), let current = EditedLine(editLine),
              current.cursor == current.scalars.count,
              // Ctrl-R search writes its own prompt into the line after a newline.
              !current.scalars.contains("\n") else { return }
        guard let text = hint(current.text) else { return }
        let columns = Int(rc_el_columns(editLine))
        guard columns > 0 else { return }
        let column = (promptWidth + TerminalText.width(of: current.scalars)) % columns
        guard let drawing = HintOverlay.drawing(text, availableColumns: columns - column - 1) else { return }
        emit(drawing)
        hintShown = true
    }

    private func eraseHint() {
        guard hintShown else { return }
        emit(HintOverlay.erase)
        hintShown = false
    }
}
