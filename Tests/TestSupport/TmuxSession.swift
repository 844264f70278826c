import Foundation

/// A program run in a detached tmux session on its own server socket, driven by keys and read
/// back from the screen, as a person at a terminal would see it.
public final class TmuxSession {
    public let socket: String
    public let width: Int
    public let height: Int

    /// Starts `command` (one shell line) in a `width` x `height` window.
    public init(_ command: String, width: Int = 120, height: Int = 40) throws {
        socket = "rc-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        self.width = width
        self.height = height
        // remain-on-exit keeps the last screen readable after the program ends.
        let status = try DetachedSpawn.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)",
                                            "-y", "\(height)", command, ";", "set-option", "remain-on-exit", "on"])
        guard status == 0 else { throw TestSupportError("tmux did not start (exit \(status)): \(command)") }
    }

    deinit { stop() }

    public func stop() {
        _ = try? ProcessRunner.run("tmux", ["-L", socket, "kill-server"])
    }

    /// Keys as tmux names them: literal text, or `Enter`, `C-c`, `C-d`, `Tab`, `Up`.
    public func send(_ keys: String...) throws {
        _ = try ProcessRunner.run("tmux", ["-L", socket, "send-keys"] + keys)
    }

    /// Types `text` literally, then Enter.
    public func type(_ text: String) throws {
        _ = try ProcessRunner.run("tmux", ["-L", socket, "send-keys", "-l", text])
        try send("Enter")
    }

    /// The pid of the pane's first process (the shell tmux started for `command`).
    public func panePID() throws -> Int32 {
        let text = try ProcessRunner.run("tmux", ["-L", socket, "display-message", "-p", "#{pane_pid}"]).stdout
        guard let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestSupportError("tmux gave no pane pid: \(text)")
        }
        return pid
    }

    public func screen() throws -> String {
        try ProcessRunner.run("tmux", ["-L", socket, "capture-pane", "-p", "-S", "-200"]).stdout
    }

    /// The window's new size; the program gets SIGWINCH as from a person resizing a terminal.
    public func resize(width: Int, height: Int) throws {
        _ = try ProcessRunner.run("tmux", ["-L", socket, "resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Only what is on the screen now, without the scrollback history.
    public func visibleScreen() throws -> String {
        try ProcessRunner.run("tmux", ["-L", socket, "capture-pane", "-p"]).stdout
    }

    /// Waits until `test` holds for the visible screen, or fails with `what` and the screen.
    @discardableResult
    public func waitUntil(_ what: String, timeout: Double = 10, _ test: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try visibleScreen()
            if test(last) { return last }
            usleep(50_000)
        }
        throw TestSupportError("\(what) did not show within \(timeout) s; the screen:\n\(last)")
    }

    /// Waits until the last non-blank line starts with `prefix` (a prompt waiting for input).
    @discardableResult
    public func waitForLastLine(startingWith prefix: String, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            let lastLine = last.split(separator: "\n").last { !$0.allSatisfy { $0 == " " } } ?? ""
            if lastLine.hasPrefix(prefix) { return last }
            usleep(50_000)
        }
        throw TestSupportError("no line starting with '\(prefix)' at the bottom within \(timeout) s; the screen:\n\(last)")
    }

    /// Waits until the screen shows `text` (a count of occurrences, or at least one), or fails
    /// with the screen in the message.
    @discardableResult
    public func waitFor(_ text: String, count: Int = 1, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.components(separatedBy: text).count - 1 >= count { return last }
            usleep(50_000)
        }
        throw TestSupportError("'\(text)' did not appear \(count) time(s) within \(timeout) s; the screen:\n\(last)")
    }
}
