import CEditLine

/// libedit calls plain C functions: each finds its editor through EL_CLIENTDATA, so no global
/// state is needed.
extension LineEditor {
    static let completeFunction = "rc-complete"
    static let interruptFunction = "rc-interrupt"

    static func owner(of editLine: OpaquePointer?) -> LineEditor? {
        guard let editLine, let data = rc_el_clientdata(editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    func installCallbacks(on editLine: OpaquePointer) {
        // Unretained: the EditLine lives no longer than its editor (deinit ends it).
        rc_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        rc_el_set_prompt(editLine) { editLine in LineEditor.owner(of: editLine)?.promptText }
        rc_el_set_getcfn(editLine) { editLine, character in
            guard let editor = LineEditor.owner(of: editLine), let character else { return -1 }
            return editor.readKey(into: character)
        }
        rc_el_addfn(editLine, Self.completeFunction, "Complete the word before the cursor") { editLine, _ in
            LineEditor.owner(of: editLine)?.complete() ?? UInt8(CC_ERROR)
        }
        rc_el_addfn(editLine, Self.interruptFunction, "Discard the line") { editLine, _ in
            LineEditor.owner(of: editLine)?.interrupt() ?? UInt8(CC_ERROR)
        }
    }

    /// Ctrl-C. The terminal's ISIG is off while editing (see the shim), so ^C arrives as a key
    /// instead of a SIGINT. Ending the line through ed-newline (^J) rather than returning
    /// CC_NEWLINE here moves the cursor below a line that wraps, as Enter does.
    func interrupt() -> UInt8 {
        guard let editLine else { return UInt8(CC_ERROR) }
        interruptRequested = true
        el_push(editLine, "\n")
        return UInt8(CC_NORM)
    }
}
