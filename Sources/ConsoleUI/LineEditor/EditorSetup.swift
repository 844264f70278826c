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
}
