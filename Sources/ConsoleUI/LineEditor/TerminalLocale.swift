import Glibc

/// libedit decodes and measures characters with the C library's multibyte functions: in the "C"
/// locale it drops every non-ASCII key. Only LC_CTYPE is set, so number formatting elsewhere
/// (LC_NUMERIC) never picks up a user's decimal comma.
enum TerminalLocale {
    /// Call before `el_init`. Keeps a locale the program already chose.
    static func prepareCharacterHandling() {
        guard isPlainC() else { return }
        setlocale(LC_CTYPE, "")
        // LANG unset: terminals today send UTF-8, and redis-cli passes such bytes through.
        if isPlainC() { setlocale(LC_CTYPE, "C.UTF-8") }
    }

    private static func isPlainC() -> Bool {
        guard let current = setlocale(LC_CTYPE, nil) else { return true }
        let name = String(cString: current)
        return name == "C" || name == "POSIX"
    }
}
