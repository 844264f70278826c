/// What the ncurses driver paints: one finished frame, computed elsewhere (the pure renderer).
/// The driver adds nothing: it writes each row as given and applies the spans' styles.
public struct PaintedScreen: Equatable, Sendable {
    /// One string per screen row, top first. Each Character is one column; rows should be
    /// exactly the screen's width (longer ones are cut, shorter ones are cleared to the end).
    public var rows: [String]
    /// `styles[row]` are the styled parts of `rows[row]`; missing rows or columns are `.normal`.
    public var styles: [[StyleSpan]]
    /// Where the terminal cursor rests (e.g. the input line), or nil to hide it.
    public var cursor: ScreenPosition?

    public init(rows: [String], styles: [[StyleSpan]] = [], cursor: ScreenPosition? = nil) {
        self.rows = rows
        self.styles = styles
        self.cursor = cursor
    }
}

/// The driver draws the renderer's styles (`DashboardStyle`, `StyleSpan`) as they are.
public typealias CellStyle = DashboardStyle

public struct ScreenPosition: Equatable, Sendable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) { (self.row, self.column) = (row, column) }
}

public struct ScreenSize: Equatable, Sendable {
    public var rows: Int
    public var columns: Int

    public init(rows: Int, columns: Int) { (self.rows, self.columns) = (rows, columns) }
}

/// A key (or event) as the dashboard sees it, decoded by ncurses from the terminal's bytes.
public enum DashboardKey: Equatable, Sendable {
    case scalar(Unicode.Scalar)
    /// Ctrl-C: the terminal is in raw mode, so it arrives as a key, not as SIGINT.
    case interrupt
    case resize
    case pageUp, pageDown, home, end
    case up, down, left, right
    case backspace, delete
    /// F1 is `.function(1)`.
    case function(Int)
    /// SIGTERM, SIGINT or SIGHUP arrived from outside: stop and exit.
    case terminationRequested(Int32)
    /// Any other ncurses key code.
    case code(Int32)
}

extension PaintedScreen {
    /// The row split into runs of one style each, covering every Character of the row once.
    func runs(ofRow index: Int) -> [(text: Substring, style: CellStyle)] {
        let row = rows[index]
        let spans = index < styles.count ? styles[index] : []
        var styleAt = [CellStyle](repeating: .normal, count: row.count)
        for span in spans {
            let lower = max(0, span.column)
            let upper = min(row.count, span.column + max(0, span.width))
            if lower < upper { styleAt.replaceSubrange(lower..<upper, with: repeatElement(span.style, count: upper - lower)) }
        }
        var runs: [(Substring, CellStyle)] = []
        var runStart = row.startIndex
        var runOffset = 0
        var position = row.startIndex
        for offset in 0..<row.count {
            if styleAt[offset] != styleAt[runOffset] {
                runs.append((row[runStart..<position], styleAt[runOffset]))
                runStart = position
                runOffset = offset
            }
            position = row.index(after: position)
        }
        if runStart < row.endIndex { runs.append((row[runStart...], styleAt[runOffset])) }
        return runs
    }
}
