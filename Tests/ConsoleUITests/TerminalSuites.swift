import Testing

/// Suites that drive a real terminal library. ncurses and libedit share libtinfo's current
/// terminal (`cur_term`) and process-wide signal handlers, so a libedit test running beside an
/// ncurses one makes ncurses read the wrong terminal's size: they run one at a time.
@Suite(.serialized)
enum TerminalSuites {}
