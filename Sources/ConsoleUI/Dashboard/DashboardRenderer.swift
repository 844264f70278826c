import ConnCore

/// The dashboard's screen as a pure function of a snapshot and a size: no terminal, no clock.
/// The ncurses driver paints what this returns and nothing else.
public enum DashboardRenderer {
    public static func render(_ snapshot: DashboardSnapshot, size: (columns: Int, rows: Int)) -> DashboardScreen {
        let columns = max(0, size.columns)
        let rows = max(0, size.rows)
        // The key help takes the whole body: panes give their rows to it.
        let visible = snapshot.help == nil ? snapshot.visiblePanes : []
        var wanted: [DashboardPane: Int] = [:]
        for pane in visible {
            wanted[pane] = DashboardPanes.lines(pane, snapshot.statistics, width: DashboardLayout.cellWidth - 1, height: 10).count
        }
        let layout = DashboardLayout.make(columns: columns, rows: rows, panes: visible, contentLines: wanted)
        var lines = Array(repeating: StyledLine(), count: rows)

        if let header = layout.header { lines[header.row] = self.header(snapshot, width: columns) }
        for placement in layout.panes {
            let rect = placement.rect
            let inner = rect.width - (placement.divider ? 1 : 0)
            let content = DashboardPanes.lines(placement.pane, snapshot.statistics, width: inner, height: rect.height - 1)
            for offset in 0..<rect.height {
                var cell: StyledLine
                if offset == 0 {
                    cell = StyledLine("── ", .dim).appending(title(placement.pane), .bold).appending(" ", .dim)
                        .fitted(to: inner, fill: "─", fillStyle: .dim)
                } else {
                    cell = (offset - 1 < content.count ? content[offset - 1] : StyledLine()).fitted(to: inner)
                }
                if placement.divider { cell.append(offset == 0 ? "┬" : "│", .dim) }
                lines[rect.row + offset].append(cell)
            }
        }
        if let rule = layout.rule {
            var line = StyledLine("── ", .dim).appending("console", .bold).appending(" ", .dim)
            if let activity = snapshot.activity { line.append("─ ", .dim); line.append(activity, .warning); line.append(" ", .dim) }
            lines[rule.row] = line
        }
        let console = self.console(snapshot, width: columns, height: layout.scrollback.height)
        for (offset, line) in console.rows.enumerated() { lines[layout.scrollback.row + offset] = line }
        if let status = layout.statusLine { lines[status.row] = statusLine(snapshot, visible: visible) }
        var cursorRow = max(0, rows - 1)
        var cursorColumn = 0
        if let input = layout.input {
            let (line, cursor) = inputLine(snapshot, width: columns)
            lines[input.row] = line
            cursorRow = input.row
            cursorColumn = cursor
        }
        let ruleRow = layout.rule?.row
        let statusRow = layout.statusLine?.row
        let screenRows = lines.enumerated().map { index, line in
            let fitted = index == ruleRow ? line.fitted(to: columns, fill: "─", fillStyle: .dim)
                : index == statusRow ? line.fitted(to: columns, fillStyle: .reverse)
                : line.fitted(to: columns)
            return fitted.row(colour: snapshot.colour)
        }
        return DashboardScreen(columns: columns, rows: screenRows, cursorRow: cursorRow, cursorColumn: cursorColumn,
                               scrollOffset: console.offset, consoleRows: layout.scrollback.height)
    }

    static func title(_ pane: DashboardPane) -> String {
        switch pane {
        case .pool: return "pool"
        case .health: return "health"
        case .certificate: return "certificate"
        case .latency: return "latency"
        case .events: return "events"
        }
    }

    // MARK: header

    /// Endpoint, connection state and TLS always; the user, db, profile and the product's name
    /// only while they fit, dropped in that reverse order.
    static func header(_ snapshot: DashboardSnapshot, width: Int) -> StyledLine {
        let facts = snapshot.header
        let tls: StyledLine
        if !snapshot.statistics.isTLS {
            tls = StyledLine("PLAINTEXT", .critical)
        } else if let session = snapshot.statistics.tls.latest {
            tls = StyledLine("\(session.version) \(session.cipher)")
        } else {
            tls = StyledLine("TLS (no session yet)", .dim)
        }
        // (part, priority): higher priorities go first when the width runs out.
        var parts: [(StyledLine, Int)] = [
            (StyledLine("redis-console", .bold), 4),
            (StyledLine(snapshot.statistics.endpoint, .bold), 0),
            (facts.profile.map { StyledLine("profile \($0)") } ?? StyledLine(), 3),
            (StyledLine("user \(facts.user ?? "default")"), 2),
            (StyledLine("db \(facts.database)"), 1),
            (StyledLine(facts.connected ? "connected" : "NOT CONNECTED", facts.connected ? .ok : .critical), 0),
            (tls, 0),
        ].filter { $0.0.width > 0 }
        func joined() -> StyledLine {
            var line = StyledLine()
            for (index, part) in parts.enumerated() {
                if index > 0 { line.append("  ") }
                line.append(part.0)
            }
            return line
        }
        while joined().width > width, let drop = parts.map(\.1).max(), drop > 0 {
            parts.removeAll { $0.1 == drop }
        }
        return joined()
    }

    // MARK: scrollback

    /// The help overlay while shown, else the scrollback.
    static func console(_ snapshot: DashboardSnapshot, width: Int, height: Int) -> DashboardScrollback.Visible {
        if let help = snapshot.help {
            var rows = help.prefix(height).map { StyledLine($0) }
            if help.count > height, height > 0 { rows[height - 1] = StyledLine("(more keys on a taller screen)", .dim) }
            return DashboardScrollback.Visible(rows: rows, offset: snapshot.scrollOffset)
        }
        return DashboardScrollback.visible(snapshot.scrollback, width: width, height: height, offset: snapshot.scrollOffset)
    }

    // MARK: status line (small terminals)

    static func statusLine(_ snapshot: DashboardSnapshot, visible: [DashboardPane]) -> StyledLine {
        let statistics = snapshot.statistics
        var parts: [StyledLine] = []
        for pane in visible {
            switch pane {
            case .pool:
                parts.append(StyledLine("pool \(statistics.pool.inUse)/\(statistics.pool.maxSize)", .reverse))
            case .health:
                var part = StyledLine("health ", .reverse)
                if let latest = statistics.health.last {
                    part.append(DashboardPanes.statusWord(latest.status), DashboardPanes.style(latest.status))
                } else {
                    part.append("?", .reverse)
                }
                parts.append(part)
            case .certificate:
                var part = StyledLine("cert ", .reverse)
                if !statistics.isTLS {
                    part.append("PLAINTEXT", .critical)
                } else if let leaf = statistics.serverCertificates.first {
                    part.append("\(leaf.daysLeft)d ", .reverse)
                    part.append(DashboardPanes.levelWord(leaf.level), DashboardPanes.style(leaf.level))
                } else {
                    part.append("?", .reverse)
                }
                parts.append(part)
            case .latency:
                parts.append(StyledLine("p99 \(StatsReport.ms(statistics.latency.overall.p99))", .reverse))
            case .events:
                if let last = statistics.events.last {
                    parts.append(StyledLine("\(last.kind.rawValue): \(last.message)", .reverse))
                }
            }
        }
        var line = StyledLine(" ", .reverse)
        for (index, part) in parts.enumerated() {
            if index > 0 { line.append(" | ", .reverse) }
            line.append(part)
        }
        return line
    }

    // MARK: input

    /// The prompt and input, shifted left when the cursor would pass the last column.
    static func inputLine(_ snapshot: DashboardSnapshot, width: Int) -> (StyledLine, Int) {
        var prompt = snapshot.prompt
        var input = snapshot.input
        var cursor = DisplayWidth.of(prompt) + max(0, snapshot.cursorColumn)
        while cursor > width - 1, cursor > 0 {
            if let first = prompt.unicodeScalars.first {
                prompt.unicodeScalars.removeFirst()
                cursor -= DisplayWidth.of(first)
            } else if let first = input.unicodeScalars.first {
                input.unicodeScalars.removeFirst()
                cursor -= DisplayWidth.of(first)
            } else {
                break
            }
        }
        var line = StyledLine(prompt, .bold).appending(input)
        if let hint = snapshot.hint, !hint.isEmpty, snapshot.cursorColumn >= DisplayWidth.of(snapshot.input) {
            line.append(hint, .dim)  // CommandHints gives the leading space
        }
        return (line, max(0, min(cursor, width - 1)))
    }
}
