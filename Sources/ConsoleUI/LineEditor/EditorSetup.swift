import CEditLine

/// Setup and Tab handling shared by `LineEditor` and `KeyFedLineEditor`.
enum EditorSetup {
    /// An in-memory history of `capacity` unique lines, attached to `editLine`.
    static func attachHistory(to editLine: OpaquePointer, capacity: Int) -> OpaquePointer? {
        guard let history = history_init() else { return nil }
        var event = HistEvent()
        rc_history_init(history, &event, Int32(clamping: max(1, capacity)))
        rc_history_set_unique(history, &event, 1)
        rc_el_set_history(editLine, history)
        return history
    }

    /// What Tab does to the line now in `editLine`: asks `completion`, then decides.
    static func tabAction(_ editLine: OpaquePointer, _ completion: (String) -> CompletionResult,
                          lineAfterAmbiguousTab: EditedLine?)
        -> (action: CompletionAction, before: EditedLine, ambiguous: Bool)? {
        guard let before = EditedLine(editLine) else { return nil }
        let typedScalars = before.beforeCursor
        let result = completion(TerminalText.string(typedScalars))
        let replaced = min(max(0, result.replaceLength), typedScalars.count)
        let typed = TerminalText.string(typedScalars.suffix(replaced))
        let action = CompletionAction.decide(typed: typed, result: result, isRepeat: lineAfterAmbiguousTab == before)
        return (action, before, result.candidates.count > 1)
    }

    /// Tab, for both editors: asks `completion`, then inserts a completion through libedit's
    /// own calls (so its picture of the line stays true), or beeps, or hands the candidates to
    /// `list`, which shows them its own way and returns the libedit code. `memory` is the line
    /// after an ambiguous Tab, so a second Tab there lists.
    static func performTab(_ editLine: OpaquePointer, _ completion: (String) -> CompletionResult,
                           memory: inout EditedLine?,
                           list: (_ candidates: [String], _ below: EditedLine) -> UInt8) -> UInt8 {
        guard let (action, before, ambiguous) = tabAction(editLine, completion, lineAfterAmbiguousTab: memory) else {
            return UInt8(CC_ERROR)
        }
        memory = nil
        switch action {
        case .replace(let count, let text):
            if count > 0 { el_deletestr(editLine, Int32(count)) }
            el_winsertstr(editLine, TerminalText.wide(text))
            if ambiguous { memory = EditedLine(editLine) }
            return UInt8(CC_REFRESH)
        case .list(let candidates):
            memory = before
            return list(candidates, before)
        case .beep:
            if ambiguous { memory = before }
            return UInt8(CC_REFRESH_BEEP)
        }
    }
}
