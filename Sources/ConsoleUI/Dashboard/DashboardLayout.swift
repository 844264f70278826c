/// Where each part of the dashboard goes for a terminal size: pure geometry, no content.
///
/// From 80x24 up: the header on row 0, a band of panes under it, packed left to right in cells
/// of at least 40 columns (events counts double, it carries long messages), each band row as tall
/// as its fullest pane allows; a "console" rule, the scrollback, and the input line at the bottom.
/// 80x24 gives pool|health, certificate|latency, events; 120x40 pool|health|certificate,
/// latency|events; 200x60 pool|health|certificate|latency, events.
/// Smaller terminals fold every pane into one status line above the input line.
public struct DashboardLayout: Sendable, Equatable {
    public struct Rect: Sendable, Equatable {
        public var row: Int
        public var column: Int
        public var width: Int
        public var height: Int
    }

    public struct Placement: Sendable, Equatable {
        public var pane: DashboardPane
        /// Includes the title line; a divider takes the last column unless the cell ends the row.
        public var rect: Rect
        public var divider: Bool
    }

    public static let minimumColumns = 80
    public static let minimumRows = 24
    static let cellWidth = 40

    public var columns: Int
    public var rows: Int
    public var header: Rect?
    public var panes: [Placement]
    /// The "console" rule over the scrollback (full layout only).
    public var rule: Rect?
    public var scrollback: Rect
    /// The folded panes (small terminals only).
    public var statusLine: Rect?
    public var input: Rect?

    public var isFolded: Bool { statusLine != nil }

    /// `contentLines` is how many lines each pane would like below its title.
    public static func make(columns: Int, rows: Int, panes visible: [DashboardPane],
                            contentLines: [DashboardPane: Int]) -> DashboardLayout {
        let columns = max(0, columns)
        let rows = max(0, rows)
        if columns < minimumColumns || rows < minimumRows || visible.isEmpty {
            return folded(columns: columns, rows: rows, withStatus: !visible.isEmpty)
        }
        let groups = pack(visible, perRow: max(1, columns / cellWidth))
        let cap = rows >= 60 ? 10 : rows >= 40 ? 8 : 5
        var heights = groups.map { group in 1 + max(1, min(cap, group.map { contentLines[$0] ?? 1 }.max() ?? 1)) }
        let budget = rows - 3 - max(4, rows / 4 - 1)  // header, rule, input, and a usable scrollback
        // Too tall: the last band row (events, usually) gives up lines first, down to one line.
        var index = heights.count - 1
        while heights.reduce(0, +) > budget, index >= 0 {
            if heights[index] > 2 { heights[index] -= 1 } else { index -= 1 }
        }
        var placements: [Placement] = []
        var row = 1
        for (group, height) in zip(groups, heights) {
            let weights = group.map(weight)
            let total = weights.reduce(0, +)
            var column = 0
            for (position, pane) in group.enumerated() {
                let last = position == group.count - 1
                let width = last ? columns - column : columns * weights[position] / total
                placements.append(Placement(pane: pane, rect: Rect(row: row, column: column, width: width, height: height),
                                            divider: !last))
                column += width
            }
            row += height
        }
        return DashboardLayout(columns: columns, rows: rows,
                               header: Rect(row: 0, column: 0, width: columns, height: 1),
                               panes: placements,
                               rule: Rect(row: row, column: 0, width: columns, height: 1),
                               scrollback: Rect(row: row + 1, column: 0, width: columns, height: rows - row - 2),
                               statusLine: nil,
                               input: Rect(row: rows - 1, column: 0, width: columns, height: 1))
    }

    static func weight(_ pane: DashboardPane) -> Int { pane == .events ? 2 : 1 }

    /// Panes in order into rows of at most `perRow` weight.
    static func pack(_ panes: [DashboardPane], perRow: Int) -> [[DashboardPane]] {
        var groups: [[DashboardPane]] = []
        var current: [DashboardPane] = []
        var used = 0
        for pane in panes {
            let weight = min(perRow, weight(pane))
            if used + weight > perRow, !current.isEmpty {
                groups.append(current)
                current = []
                used = 0
            }
            current.append(pane)
            used += weight
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    /// Header, scrollback, status line, input; the rarest rows go first when there is no room.
    static func folded(columns: Int, rows: Int, withStatus: Bool) -> DashboardLayout {
        func line(_ row: Int) -> Rect { Rect(row: row, column: 0, width: columns, height: 1) }
        let input = rows >= 1 ? line(rows - 1) : nil
        let status = withStatus && rows >= 2 ? line(rows - 2) : nil
        let header = rows >= 4 ? line(0) : nil
        let top = header == nil ? 0 : 1
        let bottom = rows - (input == nil ? 0 : 1) - (status == nil ? 0 : 1)
        return DashboardLayout(columns: columns, rows: rows, header: header, panes: [], rule: nil,
                               scrollback: Rect(row: top, column: 0, width: columns, height: max(0, bottom - top)),
                               statusLine: status, input: input)
    }
}
