import ConnCore
import ConsoleUI
import Glibc
import Synchronization

/// A pseudo-terminal to drive the real line editor headless: the editor reads and draws on the
/// slave side, the test types on the master side and reads back what was drawn.
final class PseudoTerminal {
    let master: Int32
    let slave: Int32
    /// Everything the editor wrote so far.
    private(set) var output: [UInt8] = []
    private var masterOpen = true
    private var slaveOpen = true

    init(columns: UInt16 = 80) {
        PseudoTerminal.prepareEnvironment
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: 24, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        precondition(openpty(&master, &slave, nil, nil, &size) == 0, "openpty failed: \(errno)")
        self.master = master
        self.slave = slave
    }

    deinit { close() }

    func close() {
        hangUp()
        if slaveOpen { Glibc.close(slave) }
        slaveOpen = false
    }

    /// Closes the master side: a read on the slave then fails, so a stuck editor returns.
    func hangUp() {
        if masterOpen { Glibc.close(master) }
        masterOpen = false
    }

    func resize(columns: UInt16, rows: UInt16 = 24) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Once per process, before any EditLine exists: a known terminal type and a UTF-8 locale.
    static let prepareEnvironment: Void = {
        setenv("TERM", "xterm", 1)
        setenv("LC_ALL", "C.UTF-8", 1)
    }()


    func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(master, $0.baseAddress!, $0.count) }
            if written < 0 && errno == EINTR { continue }
            precondition(written > 0, "write to the pty failed: \(errno)")
            offset += written
        }
    }

    /// Reads what the editor drew until `done` holds or `seconds` pass. False on timeout.
    @discardableResult
    func drain(seconds: Double = 5, until done: () -> Bool) -> Bool {
        let clock = MonotonicClock()
        let deadline = clock.now() + seconds
        while !done() {
            // Hung up, nothing more will come.
            if clock.now() > deadline || !masterOpen { return false }
            readAvailable(waitingMilliseconds: 10)
        }
        return true
    }

    /// Reads what is already written (after the editor's thread ended, that is all of it).
    func drainWritten() {
        while readAvailable(waitingMilliseconds: 0) {}
    }

    @discardableResult
    private func readAvailable(waitingMilliseconds: Int32) -> Bool {
        guard masterOpen else { return false }
        var request = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&request, 1, waitingMilliseconds) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = Glibc.read(master, &chunk, chunk.count)
        guard count > 0 else { return false }
        output.append(contentsOf: chunk[0..<count])
        return true
    }

    /// Waits until `text` appears in the output after byte `offset`.
    @discardableResult
    func waitFor(_ text: String, after offset: Int = 0, seconds: Double = 5) -> Bool {
        let needle = Array(text.utf8)
        return drain(seconds: seconds) { output.count >= offset && contains(needle, in: Array(output[offset...])) }
    }

    var outputText: String { String(decoding: output, as: UTF8.self) }

    private func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}

/// Runs `readLine` on its own thread, as the REPL's UI thread would, while the test types.
final class EditorDriver {
    let terminal: PseudoTerminal
    let editor: LineEditor

    init(terminal: PseudoTerminal, settings: LineEditorSettings = LineEditorSettings(readsEditrc: false)) {
        self.terminal = terminal
        editor = LineEditor(input: terminal.slave, output: terminal.slave, settings: settings)
    }

    /// Shows `prompt`, waits for it, types the chunks, and returns what `readLine` returned;
    /// nil if it did not return in time. After each chunk but the last, waits until `marker` is
    /// drawn (when given), then calls `afterChunk` with the chunk's index.
    func read(prompt: String = "rc> ", typing chunks: [String], waitingFor marker: String? = nil,
              afterChunk: ((Int) -> Void)? = nil) -> LineInput? {
        let start = terminal.output.count
        let result = ResultSlot()
        let editor = UncheckedEditor(editor: editor)
        let thread = BackgroundThread {
            let line = editor.editor.readLine(prompt: prompt)
            result.value.withLock { $0 = line }
        }
        var finished = terminal.waitFor(prompt, after: start)
        for (index, chunk) in chunks.enumerated() where finished {
            let before = terminal.output.count
            terminal.type(chunk)
            guard index < chunks.count - 1 else { break }
            if let marker { finished = terminal.waitFor(marker, after: before, seconds: 2) }
            afterChunk?(index)
        }
        finished = finished && terminal.drain { result.value.withLock { $0 != nil } }
        if !finished { terminal.hangUp() }  // the editor's read fails, so the thread ends
        thread.join()
        terminal.drainWritten()
        return finished ? result.value.withLock { $0 } : nil
    }
}

/// libedit is used from one thread at a time: the test hands the editor to the reading thread
/// and touches it again only after `join`.
private struct UncheckedEditor: @unchecked Sendable {
    let editor: LineEditor
}

private final class ResultSlot: Sendable {
    let value = Mutex<LineInput?>(nil)
}
