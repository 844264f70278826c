import CEditLine

/// The line being edited, copied out of libedit.
struct EditedLine: Equatable {
    var scalars: [Unicode.Scalar]
    /// In characters from the start.
    var cursor: Int

    init?(_ editLine: OpaquePointer) {
        guard let info = el_wline(editLine)?.pointee else { return nil }
        scalars = TerminalText.scalars(info.buffer, count: info.lastchar - info.buffer)
        cursor = info.cursor - info.buffer
    }

    var text: String { TerminalText.string(scalars) }
    var beforeCursor: [Unicode.Scalar] { Array(scalars[..<min(cursor, scalars.count)]) }
}
