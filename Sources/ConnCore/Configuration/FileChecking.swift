#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the configuration needs to know about a path, and nothing more.
public struct FileStatus: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case missing, regularFile, directory, other
    }

    public var kind: Kind
    /// Whether this process may read it (for a directory: list and enter it).
    public var readable: Bool
    /// Permission bits only (`mode & 0o7777`).
    public var permissions: UInt32

    public init(kind: Kind, readable: Bool = true, permissions: UInt32 = 0o600) {
        self.kind = kind
        self.readable = readable
        self.permissions = permissions
    }

    public static let missing = FileStatus(kind: .missing, readable: false, permissions: 0)

    public static func file(mode: UInt32 = 0o600, readable: Bool = true) -> FileStatus {
        FileStatus(kind: .regularFile, readable: readable, permissions: mode)
    }

    public static func directory(mode: UInt32 = 0o755, readable: Bool = true) -> FileStatus {
        FileStatus(kind: .directory, readable: readable, permissions: mode)
    }
}

/// The file-system questions the configuration asks, behind a protocol so that tests can
/// answer them from a table instead of real files.
public protocol FileChecking: Sendable {
    func status(of path: String) -> FileStatus
}

/// The real answers: `stat` for kind and mode, `access` for readability (so that ACLs,
/// root and group membership count the way the later `open` will see them).
public struct SystemFileChecker: FileChecking {
    public init() {}

    public func status(of path: String) -> FileStatus {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        let mode = UInt32(info.st_mode)
        let kind: FileStatus.Kind
        switch mode & UInt32(S_IFMT) {
        case UInt32(S_IFREG): kind = .regularFile
        case UInt32(S_IFDIR): kind = .directory
        default: kind = .other
        }
        // A directory is only usable when it can be both listed and entered.
        let wanted = kind == .directory ? (R_OK | X_OK) : R_OK
        return FileStatus(kind: kind, readable: access(path, wanted) == 0, permissions: mode & 0o7777)
    }
}
