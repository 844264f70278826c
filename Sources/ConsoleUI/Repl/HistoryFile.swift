import ConnCore
import Glibc

/// The REPL's persisted history: the newest `limit` entries in `path`, in `HistoryFileFormat`.
///
/// Writing is atomic and private: the entries go to a temporary file in the same folder, opened
/// with `O_CREAT | O_EXCL | O_NOFOLLOW` and mode 0600 (so a file or symlink planted at that name
/// is refused, never written through), then `fsync` and `rename` over the old file. A folder that
/// does not exist yet is created with mode 0700. The result is always a regular file of mode 0600,
/// even where the old one was laxer or was a symlink (the link itself is replaced).
///
/// Reading never fails: a missing file is an empty history; an unreadable, foreign, oversized or
/// damaged one gives what can be read plus warnings (kind `.configuration`) to print.
public struct HistoryFile: Sendable {
    public static let defaultLimit = 1000
    /// Beyond this size only the end of the file is read.
    public static let maxReadBytes = 16 << 20

    public let path: String
    public let limit: Int

    public init(path: String, limit: Int = HistoryFile.defaultLimit) {
        self.path = path
        self.limit = max(1, limit)
    }

    /// Where `save` writes before the rename: fixed per process, so a leftover from a crash
    /// does not collide with the next run.
    var temporaryPath: String { "\(path).tmp-\(getpid())" }

    public struct Loaded: Sendable, Equatable {
        /// Oldest first, at most `limit`.
        public var entries: [[UInt8]]
        public var warnings: [ConsoleError]
    }

    // MARK: reading

    public func load() -> Loaded {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { return Loaded(entries: [], warnings: []) }
            return Loaded(entries: [], warnings: [problem("could not read the history file \(path): \(describe(code))",
                                                          hint: "history is kept for this session only")])
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & mode_t(S_IFMT) == mode_t(S_IFREG) else {
            return Loaded(entries: [], warnings: [problem("the history file \(path) is not a regular file",
                                                          hint: "point \(HistoryLocation.overrideVariable) at a file")])
        }
        var warnings: [ConsoleError] = []
        let mode = info.st_mode & 0o777
        if mode & 0o077 != 0 {
            warnings.append(problem("the history file \(path) is open to other users (mode \(octal(mode)))",
                                    hint: "it is rewritten with mode 0600 at the next save; run chmod 600 \(path) now"))
        }
        let size = Int(info.st_size)
        let offset = max(0, size - Self.maxReadBytes)
        if offset > 0 {
            warnings.append(problem("the history file \(path) is \(size) bytes; only its last \(Self.maxReadBytes) were read"))
        }
        guard let bytes = readAll(fd, from: offset) else {
            warnings.append(problem("could not read the history file \(path): \(describe(errno))"))
            return Loaded(entries: [], warnings: warnings)
        }
        let decoded = HistoryFileFormat.decode(bytes, dropsFirstLine: offset > 0)
        if !decoded.hasHeader, !bytes.isEmpty {
            warnings.append(problem("\(path) is not a redis-console history file (its first line is not "
                                    + "\"\(HistoryFileFormat.header)\"); its lines were read, but it will not be overwritten",
                                    hint: "point \(HistoryLocation.overrideVariable) at another file"))
        }
        if decoded.hasHeader, decoded.damagedLines > 0 {
            warnings.append(problem("the history file \(path) is damaged in \(decoded.damagedLines) line(s); they were read as they are"))
        }
        return Loaded(entries: Array(decoded.entries.suffix(limit)), warnings: warnings)
    }

    // MARK: writing

    /// Replaces the file with the newest `limit` of `entries` (empty ones are dropped).
    public func save(_ entries: [[UInt8]]) throws(ConsoleError) {
        try refuseForeignFile()
        try makeFolder()
        let kept = Array(entries.filter { !$0.isEmpty }.suffix(limit))
        let bytes = HistoryFileFormat.encode(kept)
        let temporary = temporaryPath
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST || code == ELOOP {
                throw problem("not saving history: something already exists at the temporary path \(temporary)",
                              hint: "nothing was written through it; remove it if it is a leftover")
            }
            throw problem("could not save history to \(path): \(describe(code))")
        }
        var failure: ConsoleError?
        if fchmod(fd, 0o600) != 0 || !writeAll(fd, bytes) || fsync(fd) != 0 {
            failure = problem("could not save history to \(path): \(describe(errno))")
        }
        if close(fd) != 0, failure == nil {
            failure = problem("could not save history to \(path): \(describe(errno))")
        }
        if failure == nil, rename(temporary, path) != 0 {
            failure = problem("could not save history to \(path): \(describe(errno))")
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// Adds one entry to what the file holds now and saves (the file is rewritten each time,
    /// which is fine at typing speed, and keeps what other sessions added meanwhile). Returns
    /// the entries saved.
    @discardableResult
    public func append(_ entry: [UInt8]) throws(ConsoleError) -> [[UInt8]] {
        let entries = Array((load().entries + [entry]).filter { !$0.isEmpty }.suffix(limit))
        try save(entries)
        return entries
    }

    /// A file at `path` that is not ours (no header) or not a regular file is left alone.
    private func refuseForeignFile() throws(ConsoleError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { return }
            throw problem("not saving history: \(path) cannot be read (\(describe(code)))",
                          hint: "point \(HistoryLocation.overrideVariable) at another file")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & mode_t(S_IFMT) == mode_t(S_IFREG) else {
            throw problem("not saving history: \(path) is not a regular file",
                          hint: "point \(HistoryLocation.overrideVariable) at a file")
        }
        guard info.st_size > 0 else { return }
        let expected = Array(HistoryFileFormat.header.utf8) + [0x0a]
        var start = [UInt8](repeating: 0, count: expected.count)
        let count = start.withUnsafeMutableBytes { pread(fd, $0.baseAddress, expected.count, 0) }
        guard count == expected.count, start == expected else {
            throw problem("not saving history: \(path) is not a redis-console history file, so it is not overwritten",
                          hint: "point \(HistoryLocation.overrideVariable) at another file")
        }
    }

    /// Creates the missing folders on the way to `path`, each with mode 0700.
    private func makeFolder() throws(ConsoleError) {
        guard let slash = path.lastIndex(of: "/") else { return }
        let folder = String(path[..<slash])
        var current = folder.hasPrefix("/") ? "" : "."
        for component in folder.split(separator: "/") {
            current += "/" + component
            var info = stat()
            if stat(current, &info) == 0 {
                guard info.st_mode & mode_t(S_IFMT) == mode_t(S_IFDIR) else {
                    throw problem("could not save history: \(current) is not a folder")
                }
                continue
            }
            if mkdir(current, 0o700) != 0, errno != EEXIST {
                throw problem("could not create the history folder \(current): \(describe(errno))")
            }
        }
    }

    // MARK: helpers

    private func readAll(_ fd: Int32, from offset: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var position = off_t(offset)
        while bytes.count < Self.maxReadBytes {
            let count = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, position) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            bytes += chunk[..<count]
            position += off_t(count)
        }
        return bytes
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            written += count
        }
        return true
    }

    private func problem(_ message: String, hint: String? = nil) -> ConsoleError {
        ConsoleError(.configuration, message, hint: hint)
    }

    private func describe(_ code: Int32) -> String { String(cString: strerror(code)) }

    private func octal(_ mode: mode_t) -> String { "0" + String(mode, radix: 8) }
}
