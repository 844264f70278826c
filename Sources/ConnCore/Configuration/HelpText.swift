/// The `--help` text. Static so that it can be printed without loading anything else.
public enum HelpText {
    public static let usage = """
        Usage: redis-console [OPTIONS] [cmd [arg [arg ...]]]

        With a command, runs it and prints the reply as redis-cli does. Without one, opens the
        interactive console on a terminal, or reads commands from standard input, one per line.
        The first argument that is not an option starts the command; everything after it
        belongs to the command.

        Connection:
          -h <hostname>            Server hostname (default: 127.0.0.1).
          -p <port>                Server port (default: 6379).
          -u <uri>                 Server URI: redis[s]://[[user:]password@]host[:port][/db].
                                   As in redis-cli, user info ends at the first '@' (write
                                   '@' as %40) and without ':' it is the password alone.
                                   Without -u, the REDIS_URL environment variable is used.
          -n <db>                  Database number (default: 0).
          -t <seconds>             Connection timeout in seconds (decimals allowed); same as
                                   --connect-timeout.
          --connect-timeout <s>    Connection timeout in seconds (default: 5).
          --timeout <s>            Timeout for each request, in seconds (default: 5).
          --keepalive <s>          TCP keepalive idle time in seconds; 0 turns it off
                                   (default: 15).

        Authentication:
          -a <password>            Password to use when connecting. Prefer the REDISCLI_AUTH
                                   or REDIS_PASSWORD environment variables or --askpass: a
                                   password on the command line is visible to other users.
          --pass <password>        Alias of -a.
          --user <username>        ACL user name, sent as AUTH username password.
          --askpass                Prompt for the password (input is not echoed); -a, the URL
                                   password and the environment are then ignored.
          --no-auth-warning        Do not warn about a password on the command line.

        TLS:
          --tls                    Connect over TLS (also turned on by rediss:// or REDIS_SSL).
          --cacert <file>          CA certificate file to verify the server with.
          --cacertdir <dir>        Directory of trusted CA certificates. Without --cacert and
                                   --cacertdir, the system's trusted roots are used.
          --cert <file>            Client certificate, for mutual TLS (needs --key).
          --key <file>             Private key of the client certificate (needs --cert).
          --sni <host>             Server name to send in the handshake (verifies nothing).
          --tls-server-name <name> Name the server certificate must carry, when it differs
                                   from the host dialled (for example through a tunnel).
          --insecure               Skip certificate verification (refused in production).
          --tls-ciphers <list>     TLS 1.2 cipher list (refused in production).
          --tls-ciphersuites <list>  TLS 1.3 cipher suites (refused in production).

        Output:
          --raw                    Raw replies (default when standard output is not a tty).
          --no-raw                 Formatted replies even when standard output is not a tty.
          --csv                    CSV output.
          --json                   JSON output.
          --quoted-json            JSON output with ASCII-safe quoted strings.
          -2                       RESP2 (accepted for redis-cli compatibility; always RESP2).
          -e                       Exit with code 1 when a command replies with an error.
          -x                       Read the last argument from standard input.
          -r <repeat>              Run the command N times (-1: for ever).
          -i <interval>            Seconds to wait between repeats (decimals allowed).

        Pool and retries:
          --pool-size <n>          Connections open at most, in use or idle (default: 50).
          --pool-timeout <s>       Seconds a command waits for a free connection before
                                   "pool exhausted" (default: 5).
          --pool-min-idle <n>      Idle connections kept open ahead of demand (default: 0).
          --health-interval <s>    Seconds between PINGs of idle connections and between
                                   server health probes (default: 30).
          --retries <n>            Retries of a command that is safe to send again: never
                                   sent, refused unrun (LOADING, BUSY, ...), or read-only
                                   (default: 3). A write whose reply was lost is never re-sent.
          --retry-base <s>         First backoff delay (default: 0.1); delay(n) =
          --retry-cap <s>          min(cap, base * 2^n) * (0.5 + 0.5 * random) (cap: 2.0).
          --stats                  Exercise the pool with read-only commands and print pool,
                                   health, TLS, certificate and latency statistics every
                                   --interval seconds (default 1; -r N stops after N reports;
                                   --json prints one JSON object per report).
          --interval <s>           Seconds between --stats and --load reports.

        On-call:
          --doctor                 Diagnose the endpoint step by step and exit: DNS, TCP, TLS
                                   handshake and resumption, certificate chain and host name,
                                   client certificate, AUTH, PING latency, INFO, SLOWLOG and
                                   LATENCY DOCTOR, each with a time and a verdict. Exit 0 ok,
                                   1 warning, 2 critical (the worst step); --json for one
                                   JSON object.
          --cert-warn-days <n>     Days left at which a certificate warns (default: 30).
          --cert-crit-days <n>     Days left at which it is critical (default: 7).
          --latency-warn-ms <ms>   PING p50 above which --doctor warns (default: 10).
          --latency-crit-ms <ms>   PING p50 above which it is critical (default: 100).

        redis-cli's modes (through the pool, output as redis-cli's in each format):
          --latency                PING every 10 ms; min, max, avg (ms) and sample count, then
                                   p50 and p99 (additions). On a tty the line is redrawn for
                                   ever; otherwise (or --raw, --csv, --json) one line after -i
                                   seconds (default 1) and exit. --raw/--csv print redis-cli's
                                   columns only; --json adds "p50" and "p99" keys.
          --latency-history        Like --latency, a new line every -i seconds (default 15)
                                   ending ' -- N seconds range'. -r N stops after N ranges.
          --latency-dist           Latency spectrum (xterm 256 colours) every -i seconds
                                   (default 1), with p50 and p99. -r N stops after N lines.
          --stat                   Rolling server stats from INFO every -i seconds (default
                                   1): keys, mem, clients, blocked, requests, connections,
                                   child. -r N stops after N rows.
          --scan                   List the keys with SCAN (quoted on a tty, raw otherwise).
          --pattern <pat>          MATCH pattern for --scan, --bigkeys and --memkeys.
          --quoted-pattern <pat>   Same, written with quotes and escapes ("a\\x00*").
          --count <n>              SCAN's COUNT hint for --scan, --bigkeys and --memkeys.
          --bigkeys                Scan the keyspace for the biggest key of each type (by
                                   elements); -i S sleeps S seconds per 100 SCANs.
          --memkeys                Same, by memory (MEMORY USAGE).
          --memkeys-samples <n>    --memkeys with MEMORY USAGE ... SAMPLES n.
          --eval <file>            EVAL the Lua script in <file>; the words after the options
                                   are keys, then after a lone ',' arguments:
                                   --eval s.lua key1 key2 , arg1 arg2
          --pipe                   Send standard input (raw RESP or inline commands) on a
                                   connection of its own, count the replies and print
                                   "errors: N, replies: M" (exit 1 when N > 0). Never re-sent.
          --pipe-timeout <s>       With --pipe, give up when no reply came for <s> seconds
                                   after all was sent (default: 30; 0: wait for ever).

        Load generator (a demo and test tool):
          --load                   Send a mix of commands from many workers through the pool
                                   and report ops/s and latency (p50/p99/max) every
                                   --interval seconds (default 1), then a summary; --json
                                   prints one JSON object per report ("final": true last).
                                   It only touches keys starting with "load:" (load:key:<n>,
                                   load:counter:<n>, load:list:<n>, load:hash:<n>). The
                                   production profile refuses writes: use a read-only mix.
          --workers <n>            Concurrent workers (default: 50); more than --pool-size
                                   makes workers wait for a connection.
          --commands <list>        The mix, picked evenly: GET,SET,INCR,LPUSH,RPOP,HGET,HSET,
                                   PING (default: GET,SET).
          --keys <n>               Size of the key space (default: 10000).
          --value-size <bytes>     Bytes per SET, LPUSH and HSET value (default: 64).
          --rate <ops/s>           Limit on operations per second, all workers together
                                   (default: none).
          --duration <s>           Seconds to run (default: 10).
          --pipeline <n>           Commands per round trip (default: 1). A pipeline whose
                                   replies are lost is never sent again.

        Interactive console (no command, on a terminal): the dashboard, live pool, health,
        certificate, latency and event panes above the console:
          --vi                     vi key bindings (default emacs; ~/.editrc is read too).
          --read-only              Refuse every command that writes (by the server's command
                                   flags; commands it cannot judge are refused too).
          --no-tui                 The plain line-by-line console instead of the dashboard
                                   (the dashboard needs a terminal that ncurses knows).
          --refresh <hz>           Dashboard redraws per second, 0.5 to 30 (default: 4).
                                   Server health is probed every second while it runs,
                                   or every --health-interval seconds when that is given.
          Dashboard keys: F1 help, F2-F6 hide or show a pane, PgUp/PgDn/Home/End scroll,
          Ctrl-C cancels a running command or stream, Ctrl-D or quit leaves.
          History: $XDG_STATE_HOME/redis-console/history or ~/.redisconsole_history, mode 0600;
          REDISCONSOLE_HISTFILE overrides (/dev/null: none). AUTH and other secrets, lines that
          do not parse and lines holding the password are never written there.
          Meta commands: :pool :health :cert :tls :latency :retries :config :help (add --json).

        Configuration:
          --profile <name>         development (default), testing or production; without it,
                                   the REDIS_ENV environment variable. Production requires
                                   TLS and refuses --insecure and passwords on the command line.
          --show-config            Print the effective configuration, each value with its
                                   source, the password masked, and exit.
          --tls-info               Connect, then print the TLS version, cipher, handshake time,
                                   verified name and the server's certificate chain (days
                                   left per certificate), and exit.
          --help                   Print this help and exit.
          --version, -v            Print the version and exit.

        Environment (weaker than flags and URLs):
          REDIS_URL, REDIS_HOST, REDIS_PORT, REDIS_SSL (true/false/1/0/yes/no), REDIS_USERNAME,
          REDIS_PASSWORD, REDISCLI_AUTH, REDIS_DB, REDIS_ENV, REDIS_CERT_PATH (a folder holding
          ca.crt and optionally client.crt and client.key).
          Password order: --askpass, -a/--pass, URL, REDISCLI_AUTH, REDIS_PASSWORD.

        Examples:
          redis-console --tls -h cache.example.com --cacert ca.crt PING
          REDISCLI_AUTH=... redis-console --user app -u rediss://cache.example.com:6380/2 GET key
          redis-console --profile production --show-config
        """
}
