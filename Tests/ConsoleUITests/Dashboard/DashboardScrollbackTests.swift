import Testing
@testable import ConsoleUI

struct DashboardScrollbackTests {
    static let lines = (1...32).map { "line \($0)" }

    @Test func showsTheNewestLinesAtTheBottomWhenNotScrolled() {
        let visible = DashboardScrollback.visible(Self.lines, width: 20, height: 5, offset: 0)
        #expect(visible.rows.map { $0.row(colour: false).text } == (28...32).map { "line \($0)" })
        #expect(visible.offset == 0)
    }

    @Test func fewerLinesThanRowsStartAtTheTop() {
        let visible = DashboardScrollback.visible(["a", "b"], width: 20, height: 5, offset: 0)
        #expect(visible.rows.map { $0.row(colour: false).text } == ["a", "b"])
    }

    @Test func scrollingUpKeepsAMarkerRowAndCountsRowsBelow() {
        let visible = DashboardScrollback.visible(Self.lines, width: 20, height: 5, offset: 3)
        let texts = visible.rows.map { $0.row(colour: false).text }
        #expect(texts == ["line 26", "line 27", "line 28", "line 29", "-- 3 more below: PgDn, End --"])
        #expect(visible.offset == 3)
    }

    @Test func anOffsetPastTheTopIsClampedToTheOldestLine() {
        let visible = DashboardScrollback.visible(Self.lines, width: 20, height: 5, offset: 1_000)
        let texts = visible.rows.map { $0.row(colour: false).text }
        #expect(texts.first == "line 1")
        #expect(visible.offset == 28)  // 32 rows, 4 shown above the marker
    }

    @Test func longLinesWrapAndScrollByScreenRows() {
        let lines = ["0123456789ABCDEFGHIJ", "short"]
        let visible = DashboardScrollback.visible(lines, width: 8, height: 4, offset: 0)
        #expect(visible.rows.map { $0.row(colour: false).text } == ["01234567", "89ABCDEF", "GHIJ", "short"])
        let scrolled = DashboardScrollback.visible(lines, width: 8, height: 3, offset: 1)
        #expect(scrolled.rows.map { $0.row(colour: false).text } == ["89ABCDEF", "GHIJ", "-- 1 more below: PgDn, End --"])
    }

    @Test func wideCharactersNeverSplitAcrossTheEdge() {
        #expect(DashboardScrollback.wrap("ab日本語", width: 5) == ["ab日", "本語"])
        #expect(DashboardScrollback.wrap("", width: 5) == [""])
    }
}
