@testable import ConnCore

/// Answers file-system questions from a table: anything not listed is missing.
struct FakeFiles: FileChecking {
    var entries: [String: FileStatus] = [:]

    func status(of path: String) -> FileStatus { entries[path] ?? .missing }
}

enum Fixture {
    /// A password that must never show up in any output.
    static let canary = "s3cr3t-CANARY-9f2e"
}

func loadConfig(
    _ arguments: [String], env: [String: String] = [:], files: FakeFiles = FakeFiles()
) throws(ConsoleError) -> LoadedConfiguration {
    try ConfigurationLoader.load(arguments: arguments, environment: env, files: files)
}

/// The error the load fails with, or nil when it succeeds.
func loadFailure(
    _ arguments: [String], env: [String: String] = [:], files: FakeFiles = FakeFiles()
) -> ConsoleError? {
    do {
        _ = try loadConfig(arguments, env: env, files: files)
        return nil
    } catch {
        return error
    }
}

func flagFailure(_ arguments: [String]) -> ConsoleError? {
    do {
        _ = try FlagParser.parse(arguments)
        return nil
    } catch {
        return error
    }
}

func urlFailure(_ text: String) -> ConsoleError? {
    do {
        _ = try RedisURL.parse(text)
        return nil
    } catch {
        return error
    }
}
