import Foundation

/// The repository checkout the tests run from, found from this file's own path
/// (Tests/TestSupport/Repository.swift), so tests work from any working directory.
public enum Repository {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Tests/TestSupport
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // repository root

    /// Absolute path of a file in the repository, e.g. `Repository.path("certs/generate-certs.sh")`.
    public static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }
}
