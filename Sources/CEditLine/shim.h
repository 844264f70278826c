#ifndef REDIS_CONSOLE_CEDITLINE_SHIM_H
#define REDIS_CONSOLE_CEDITLINE_SHIM_H
#include <stdio.h>
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
#endif
