import Foundation
import Testing
import TestSupport

/// Finds the built `redis-console` executable for the end-to-end tests: SwiftPM puts the test
/// bundle (`redis-consolePackageTests.xctest`) and the products in the same directory,
/// `<scratch>/<triple>/<configuration>/`, so the binary sits next to the running test executable.
/// `REDIS_CONSOLE_BINARY` overrides the search (e.g. to test an installed or release build).
enum BinaryLocator {
    static let name = "redis-console"

    /// The absolute path of the binary; throws (failing the test) with every place looked at.
    static func redisConsole() throws -> String {
        if let override = ProcessInfo.processInfo.environment["REDIS_CONSOLE_BINARY"], !override.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: override) else {
                throw TestSupportError("REDIS_CONSOLE_BINARY=\(override) is not an executable file")
            }
            return override
        }
        var looked: [String] = []
        for directory in candidateDirectories() {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name).standardizedFileURL.path
            if looked.contains(candidate) { continue }
            looked.append(candidate)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        throw TestSupportError("""
            the built \(name) binary was not found next to the test bundle; looked at:
            \(looked.map { "  " + $0 }.joined(separator: "\n"))
            Build it with the tests first: `swift build --build-tests` (same --scratch-path as `swift test`), \
            or set REDIS_CONSOLE_BINARY to its path.
            """)
    }

    /// The directory of argv[0] (made absolute), then of the resolved executable, whose
    /// directory is the same unless the test runner was reached through a symlink.
    private static func candidateDirectories() -> [String] {
        var directories: [String] = []
        let cwd = FileManager.default.currentDirectoryPath
        if let argv0 = CommandLine.arguments.first, !argv0.isEmpty {
            let url = argv0.hasPrefix("/") ? URL(fileURLWithPath: argv0) : URL(fileURLWithPath: cwd).appendingPathComponent(argv0)
            directories.append(url.deletingLastPathComponent().path)
            directories.append(url.resolvingSymlinksInPath().deletingLastPathComponent().path)
        }
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append(URL(fileURLWithPath: exe).deletingLastPathComponent().path)
        }
        if let main = Bundle.main.executableURL {
            directories.append(main.deletingLastPathComponent().path)
        }
        return directories
    }
}

/// POSIX shell quoting, for commands handed to `script -c` (which runs them with `sh -c`).
enum ShellQuote {
    /// One word, single-quoted unless it is made only of characters the shell never interprets.
    static func quote(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func command(_ executable: String, _ arguments: [String]) -> String {
        ([executable] + arguments).map(quote).joined(separator: " ")
    }
}

/// Runs a program with its stdout (and stderr) on a pseudo-terminal, so it formats for a human:
/// util-linux `script -qec CMD /dev/null`. The terminal turns every `\n` into `\r\n`, and both
/// output streams arrive interleaved on the one terminal; the clients under comparison get the
/// same treatment. `-e` makes script exit with the child's status.
enum TerminalRunner {
    /// - stdinFile: a file redirected into the program's stdin inside the terminal session
    ///   (stdin a file, stdout a terminal); nil leaves stdin on the terminal.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    stdinFile: String? = nil, timeout: Duration = .seconds(20)) throws -> ProcessResult {
        var command = ShellQuote.command(executable, arguments)
        if let stdinFile { command += " < " + ShellQuote.quote(stdinFile) }
        // `exec` so the status script reports is the program's own, not a shell's.
        return try ProcessRunner.run("script", ["-qec", "exec " + command, "/dev/null"],
                                     environment: environment, timeout: timeout)
    }
}

/// Readable descriptions of byte strings for failure messages.
enum Bytes {
    /// C-style escaped text, so control bytes are visible.
    static func escaped(_ bytes: [UInt8]) -> String {
        var text = ""
        for byte in bytes {
            switch byte {
            case 0x0a: text += "\\n"
            case 0x0d: text += "\\r"
            case 0x09: text += "\\t"
            case 0x5c: text += "\\\\"
            case 0x20...0x7e: text.append(Character(Unicode.Scalar(byte)))
            default: text += String(format: "\\x%02x", byte)
            }
        }
        return text
    }

    /// `offset: hex bytes  |text|`, 16 bytes a row.
    static func hexDump(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "    (empty)" }
        var rows: [String] = []
        for start in stride(from: 0, to: bytes.count, by: 16) {
            let row = bytes[start..<min(start + 16, bytes.count)]
            let hex = row.map { String(format: "%02x", $0) }.joined(separator: " ")
            let text = String(row.map { (0x20...0x7e).contains($0) ? Character(Unicode.Scalar($0)) : "." })
            rows.append(String(format: "    %04x: ", start) + hex.padding(toLength: 48, withPad: " ", startingAt: 0)
                        + " |" + text + "|")
        }
        return rows.joined(separator: "\n")
    }

    /// Both outputs side by side: where they first differ, escaped text and hex of each.
    static func diff(_ expected: [UInt8], _ actual: [UInt8],
                     expectedName: String = "redis-cli", actualName: String = "redis-console") -> String {
        let common = zip(expected, actual).prefix { $0 == $1 }.count
        return """
            first difference at byte \(common) (\(expectedName): \(expected.count) bytes, \(actualName): \(actual.count) bytes)
              \(expectedName): "\(escaped(expected))"
              \(actualName): "\(escaped(actual))"
              \(expectedName) hex:
            \(hexDump(expected))
              \(actualName) hex:
            \(hexDump(actual))
            """
    }
}
