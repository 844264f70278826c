import CEditLine

/// Text as the terminal shows it: libedit works in wide characters (UTF-32 on Linux), and the
/// hint and completion list must know how many columns a string takes.
enum TerminalText {
    /// Columns taken by `text`; control characters (wcwidth -1) count as none.
    static func width<S: Sequence>(of scalars: S) -> Int where S.Element == Unicode.Scalar {
        scalars.reduce(0) { total, scalar in total + max(0, Int(rc_wcwidth(wchar_t(scalar.value)))) }
    }

    static func width(of text: String) -> Int { width(of: text.unicodeScalars) }

    /// The longest prefix of `text` that fits in `columns`.
    static func prefix(of text: String, fitting columns: Int) -> String {
        var used = 0
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            used += width(of: CollectionOfOne(scalar))
            if used > columns { break }
            result.append(scalar)
        }
        return String(result)
    }

    /// Scalars from libedit's wide buffer; values that are not scalars are dropped.
    static func scalars(_ start: UnsafePointer<wchar_t>, count: Int) -> [Unicode.Scalar] {
        UnsafeBufferPointer(start: start, count: max(0, count)).compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
    }

    /// A NUL-terminated wide string for `el_winsertstr`.
    static func wide(_ text: String) -> [wchar_t] {
        text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
    }

    static func string<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
        String(String.UnicodeScalarView(scalars))
    }

    static func utf8(_ scalars: [Unicode.Scalar]) -> [UInt8] {
        Array(string(scalars).utf8)
    }
}
