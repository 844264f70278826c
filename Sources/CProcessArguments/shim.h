#ifndef REDIS_CONSOLE_CPROCESSARGUMENTS_SHIM_H
#define REDIS_CONSOLE_CPROCESSARGUMENTS_SHIM_H
// The process's original argv strings, which `ps` and /proc/PID/cmdline show. Swift's
// CommandLine hands out a copy; glibc's program_invocation_name points at the original
// argv[0], and the other arguments follow it in the same block, each after a NUL.
static inline char *rc_original_argv0(void) {
    extern char *program_invocation_name;
    return program_invocation_name;
}
#endif
