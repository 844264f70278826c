#ifndef REDIS_CONSOLE_CEDITLINE_SHIM_H
#define REDIS_CONSOLE_CEDITLINE_SHIM_H
#include <stdio.h>
#include <wchar.h>
#include <histedit.h>

// el_set, el_get and history() are variadic: Swift cannot call them, so each use is wrapped.
static inline FILE *rc_stdin(void) { return stdin; }
static inline FILE *rc_stdout(void) { return stdout; }
static inline FILE *rc_stderr(void) { return stderr; }
static inline int rc_el_set_prompt(EditLine *el, char *(*fn)(EditLine *)) { return el_set(el, EL_PROMPT, fn); }
static inline int rc_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int rc_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int rc_history_init(History *h, HistEvent *ev, int size) { return history(h, ev, H_SETSIZE, size); }
static inline int rc_history_enter(History *h, HistEvent *ev, const char *line) { return history(h, ev, H_ENTER, line); }
static inline int rc_history_set_unique(History *h, HistEvent *ev, int unique) { return history(h, ev, H_SETUNIQUE, unique); }

static inline int rc_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
static inline void *rc_el_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int rc_el_set_getcfn(EditLine *el, el_rfunc_t fn) { return el_set(el, EL_GETCFN, fn); }
static inline int rc_el_addfn(EditLine *el, const char *name, const char *help,
                              unsigned char (*fn)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
// Binds in the main map (emacs, or vi insert) and in the alternative map (vi command mode).
static inline int rc_el_bind(EditLine *el, const char *key, const char *function) {
    int primary = el_set(el, EL_BIND, key, function, NULL);
    int alternative = el_set(el, EL_BIND, "-a", key, function, NULL);
    return primary == 0 && alternative == 0 ? 0 : -1;
}
// libedit forces ISIG on while editing; with it off, ^C reaches the key map as a byte.
static inline int rc_el_disable_tty_signals(EditLine *el) {
    const char *argv[] = { "setty", "-d", "-isig", NULL };
    return el_parse(el, 3, argv);
}
// Raw (1) or cooked (0) terminal mode; el_gets alone goes raw only after drawing the prompt.
static inline int rc_el_prepare_terminal(EditLine *el, int raw) { return el_set(el, EL_PREP_TERM, raw); }
// EL_UNBUFFERED: el_gets returns after every key. Turning it off and on starts a fresh line.
static inline int rc_el_set_unbuffered(EditLine *el, int on) { return el_set(el, EL_UNBUFFERED, on); }
// The width libedit lays the line out in (it follows el_resize).
static inline int rc_el_columns(EditLine *el) {
    int columns = 0;
    if (el_get(el, EL_GETTC, "co", &columns, NULL) != 0) return 0;
    return columns;
}
// <wchar.h> declares wcwidth only under _XOPEN_SOURCE, which Swift's importer does not set.
extern int wcwidth(wchar_t c);
static inline int rc_wcwidth(wchar_t c) { return wcwidth(c); }
#endif
