#ifndef REDIS_CONSOLE_CNCURSES_SHIM_H
#define REDIS_CONSOLE_CNCURSES_SHIM_H
// SwiftPM drops pkg-config's -D flags, so the wide API must be asked for here.
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>

// Globals and macros that Swift 6 cannot use directly.
static inline WINDOW *rc_stdscr(void) { return stdscr; }
static inline int rc_lines(void) { return LINES; }
static inline int rc_cols(void) { return COLS; }
static inline int rc_attr_bold(void) { return (int)A_BOLD; }
static inline int rc_attr_reverse(void) { return (int)A_REVERSE; }
static inline int rc_attr_dim(void) { return (int)A_DIM; }
static inline int rc_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline void rc_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline int rc_attr_normal(void) { return (int)A_NORMAL; }
static inline unsigned rc_attr_mask(void) { return (unsigned)A_ATTRIBUTES; }
static inline int rc_wattrset(WINDOW *w, int attrs) { return wattrset(w, attrs); }
// The wide-character input, read back for tests (tig's technique): text and attributes.
static inline int rc_mvwinnwstr(WINDOW *w, int y, int x, wchar_t *text, int n) { return mvwinnwstr(w, y, x, text, n); }
static inline unsigned rc_mvwinch(WINDOW *w, int y, int x) { return (unsigned)mvwinch(w, y, x); }
#endif
