/// What a key means to the dashboard, before libedit sees it: the dashboard's own keys (help,
/// pane toggles, scrolling, cancel) are taken here; everything else edits the input line.
public enum DashboardAction: Equatable, Sendable {
    case edit(DashboardKey)
    case scroll(ScrollMove)
    case togglePane(DashboardPane)
    case toggleHelp
    case closeHelp
    /// Ctrl-C while a command runs or streams: cancel it (at the prompt Ctrl-C discards the line).
    case cancelCommand
    case relayout
    /// SIGTERM, SIGINT or SIGHUP from outside.
    case terminate(signal: Int32)
    case ignore
}

public enum ScrollMove: Equatable, Sendable {
    case pageUp, pageDown, top, bottom
}

public enum DashboardKeyMap {
    /// F2 to F6 toggle the panes in their screen order.
    public static let paneKeys: [(function: Int, pane: DashboardPane)] =
        DashboardPane.allCases.enumerated().map { (function: $0.offset + 2, pane: $0.element) }

    public static func action(for key: DashboardKey, commandRunning: Bool, helpShown: Bool) -> DashboardAction {
        switch key {
        case .function(1): return .toggleHelp
        case .function(let number):
            return paneKeys.first { $0.function == number }.map { .togglePane($0.pane) } ?? .ignore
        case .pageUp: return .scroll(.pageUp)
        case .pageDown: return .scroll(.pageDown)
        case .home: return .scroll(.top)
        case .end: return .scroll(.bottom)
        case .resize: return .relayout
        case .terminationRequested(let signal): return .terminate(signal: signal)
        case .interrupt: return commandRunning ? .cancelCommand : .edit(key)
        case .scalar("\u{1b}") where helpShown: return .closeHelp
        case .code: return .ignore
        case .scalar, .up, .down, .left, .right, .backspace, .delete: return .edit(key)
        }
    }
}
