import Glibc
import Synchronization

/// Ctrl-C during `--bigkeys`/`--memkeys`: like redis-cli, stop scanning and still print the
/// summary of what was sampled. The handler only sets a flag (async-signal-safe); the scan
/// loop reads it between keys.
public enum ScanInterrupt {
    static let requested = Atomic<Bool>(false)

    /// Installs the SIGINT handler for the rest of the process (the mode then exits).
    public static func install() {
        _ = requested.load(ordering: .relaxed)  // initialise the static before the handler reads it
        signal(SIGINT) { _ in ScanInterrupt.requested.store(true, ordering: .relaxed) }
    }

    public static var isRequested: Bool { requested.load(ordering: .relaxed) }
}
