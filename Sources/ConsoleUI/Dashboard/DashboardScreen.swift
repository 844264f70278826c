/// How a stretch of a row is drawn; the ncurses driver maps each to attributes and colour pairs.
/// The colour styles always sit on words (OK, WARN, CRIT, DOWN...), so monochrome loses nothing.
public enum DashboardStyle: String, Sendable, Equatable, CaseIterable {
    case normal, bold, dim, reverse, ok, warning, critical

    public var isColour: Bool { self == .ok || self == .warning || self == .critical }

    /// Without colour, problems stay bold and "ok" is plain text.
    func monochrome() -> DashboardStyle {
        switch self {
        case .ok: return .normal
        case .warning, .critical: return .bold
        default: return self
        }
    }
}

/// `width` display columns from `column` drawn in `style`.
public struct StyleSpan: Sendable, Equatable {
    public var column: Int
    public var width: Int
    public var style: DashboardStyle

    public init(column: Int, width: Int, style: DashboardStyle) {
        self.column = column
        self.width = width
        self.style = style
    }
}

/// One screen row: text exactly the screen's width in display columns, and its non-normal spans.
public struct DashboardRow: Sendable, Equatable {
    public var text: String
    public var spans: [StyleSpan]
}

/// A whole frame, ready to paint.
public struct DashboardScreen: Sendable, Equatable {
    public var columns: Int
    public var rows: [DashboardRow]
    /// Where the terminal cursor goes (on the input line).
    public var cursorRow: Int
    public var cursorColumn: Int
    /// The scroll offset drawn: the snapshot's, clamped to the scrollback's top.
    public var scrollOffset: Int = 0
    /// Rows of the console area: a page for PgUp and PgDn.
    public var consoleRows: Int = 0

    /// The rows as text, one per line: what snapshot tests compare.
    public var text: String { rows.map(\.text).joined(separator: "\n") }

    /// The frame as the ncurses driver paints it.
    public var painted: PaintedScreen {
        PaintedScreen(rows: rows.map(\.text), styles: rows.map(\.spans),
                      cursor: ScreenPosition(row: cursorRow, column: cursorColumn))
    }
}

/// Display columns of text, independent of the process locale (wcwidth answers -1 for every
/// non-ASCII character until setlocale runs, and the renderer must be the same in tests).
enum DisplayWidth {
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        switch value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
             0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }

    static func of(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + of($1) } }
}

/// A line made of styled pieces, fitted to a width before it becomes a row.
struct StyledLine: Sendable, Equatable {
    struct Segment: Sendable, Equatable {
        var text: String
        var style: DashboardStyle
    }

    private(set) var segments: [Segment] = []

    init(_ text: String = "", _ style: DashboardStyle = .normal) { append(text, style) }

    var width: Int { segments.reduce(0) { $0 + DisplayWidth.of($1.text) } }

    /// Control characters become `?`: they would move the cursor, and count no columns.
    mutating func append(_ text: String, _ style: DashboardStyle = .normal) {
        guard !text.isEmpty else { return }
        var clean = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            clean.append(value < 0x20 || (0x7F...0x9F).contains(value) ? "?" : scalar)
        }
        segments.append(Segment(text: String(clean), style: style))
    }

    mutating func append(_ line: StyledLine) { segments += line.segments }

    func appending(_ text: String, _ style: DashboardStyle = .normal) -> StyledLine {
        var copy = self
        copy.append(text, style)
        return copy
    }

    /// Exactly `width` columns: padded with spaces, or cut with `…` in the last column.
    func fitted(to width: Int, fill: Character = " ", fillStyle: DashboardStyle = .normal) -> StyledLine {
        guard width > 0 else { return StyledLine() }
        let total = self.width
        if total <= width {
            return appending(String(repeating: fill, count: width - total), fillStyle)
        }
        var result = StyledLine()
        var used = 0
        outer: for segment in segments {
            var kept = String.UnicodeScalarView()
            for scalar in segment.text.unicodeScalars {
                let columns = DisplayWidth.of(scalar)
                if used + columns > width - 1 {
                    result.append(String(kept), segment.style)
                    break outer
                }
                kept.append(scalar)
                used += columns
            }
            result.append(String(kept), segment.style)
        }
        return result.appending(String(repeating: " ", count: width - 1 - used) + "…", .dim)
    }

    /// The row: text and merged spans of every non-normal style.
    func row(colour: Bool) -> DashboardRow {
        var spans: [StyleSpan] = []
        var column = 0
        for segment in segments {
            let width = DisplayWidth.of(segment.text)
            let style = colour ? segment.style : segment.style.monochrome()
            if style != .normal, width > 0 {
                if let last = spans.last, last.style == style, last.column + last.width == column {
                    spans[spans.count - 1].width += width
                } else {
                    spans.append(StyleSpan(column: column, width: width, style: style))
                }
            }
            column += width
        }
        return DashboardRow(text: segments.map(\.text).joined(), spans: spans)
    }
}
