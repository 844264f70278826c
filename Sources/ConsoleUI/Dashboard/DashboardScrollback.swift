/// The console area of the dashboard: reply lines wrapped at the screen's width, the newest at
/// the bottom, scrolled by screen rows. Only the lines that can show are wrapped, so a long
/// scrollback costs nothing until the user scrolls up through it.
enum DashboardScrollback {
    struct Visible: Equatable {
        var rows: [StyledLine]
        /// The offset actually drawn: the requested one, clamped to the top of the scrollback.
        var offset: Int
    }

    static func visible(_ lines: [String], width: Int, height: Int, offset requested: Int) -> Visible {
        guard height > 0, width > 0 else { return Visible(rows: [], offset: 0) }
        let wanted = max(0, requested)
        // Rows from the newest line back, until the screen and the offset are covered.
        var reversed: [String] = []
        var index = lines.count - 1
        while index >= 0, reversed.count < height + wanted {
            reversed += wrap(lines[index], width: width).reversed()
            index -= 1
        }
        let complete = index < 0  // every line wrapped: the top is known
        let total = reversed.count
        let scrolled = wanted > 0 && (total > height || !complete)
        let room = scrolled ? height - 1 : height
        let offset = scrolled ? min(wanted, max(0, total - room)) : 0
        let shown = reversed.dropFirst(offset).prefix(room).reversed().map { StyledLine($0) }
        var rows = Array(shown)
        if scrolled {
            rows.append(StyledLine("-- \(offset) more below: PgDn, End --", .reverse))
        }
        return Visible(rows: rows, offset: offset)
    }

    /// A line cut into pieces of at most `width` display columns (at least one piece).
    static func wrap(_ line: String, width: Int) -> [String] {
        guard DisplayWidth.of(line) > width else { return [line] }
        var pieces: [String] = []
        var current = String.UnicodeScalarView()
        var used = 0
        for scalar in line.unicodeScalars {
            let columns = DisplayWidth.of(scalar)
            if used + columns > width, !current.isEmpty {
                pieces.append(String(current))
                current = String.UnicodeScalarView()
                used = 0
            }
            current.append(scalar)
            used += columns
        }
        pieces.append(String(current))
        return pieces
    }
}
