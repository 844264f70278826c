import ConnCore
import Glibc
import Testing
@testable import ConsoleUI

struct DashboardKeyMapTests {
    @Test func dashboardKeysAreTakenBeforeTheEditor() {
        func action(_ key: DashboardKey, running: Bool = false, help: Bool = false) -> DashboardAction {
            DashboardKeyMap.action(for: key, commandRunning: running, helpShown: help)
        }
        #expect(action(.function(1)) == .toggleHelp)
        #expect(action(.function(2)) == .togglePane(.pool))
        #expect(action(.function(4)) == .togglePane(.certificate))
        #expect(action(.function(6)) == .togglePane(.events))
        #expect(action(.function(7)) == .ignore)
        #expect(action(.pageUp) == .scroll(.pageUp))
        #expect(action(.home) == .scroll(.top))
        #expect(action(.end) == .scroll(.bottom))
        #expect(action(.resize) == .relayout)
        #expect(action(.terminationRequested(15)) == .terminate(signal: 15))
        #expect(action(.code(999)) == .ignore)
    }

    @Test func ctrlCCancelsARunningCommandAndOtherwiseEdits() {
        #expect(DashboardKeyMap.action(for: .interrupt, commandRunning: true, helpShown: false) == .cancelCommand)
        #expect(DashboardKeyMap.action(for: .interrupt, commandRunning: false, helpShown: false) == .edit(.interrupt))
    }

    @Test func escapeClosesHelpOnlyWhileItIsShown() {
        #expect(DashboardKeyMap.action(for: .scalar("\u{1b}"), commandRunning: false, helpShown: true) == .closeHelp)
        #expect(DashboardKeyMap.action(for: .scalar("\u{1b}"), commandRunning: false, helpShown: false) == .edit(.scalar("\u{1b}")))
        #expect(DashboardKeyMap.action(for: .up, commandRunning: true, helpShown: true) == .edit(.up))
    }
}

struct DashboardStateTests {
    @Test func scrollingPagesKeepsOneRowOfContextAndBottomReturns() {
        var state = DashboardState()
        state.append((1...100).map(String.init))
        state.scroll(.pageUp, page: 10)
        #expect(state.scrollOffset == 9)
        state.scroll(.pageUp, page: 10)
        state.scroll(.pageDown, page: 10)
        #expect(state.scrollOffset == 9)
        state.scroll(.pageDown, page: 10)
        state.scroll(.pageDown, page: 10)
        #expect(state.scrollOffset == 0)
        state.scroll(.top, page: 10)
        #expect(state.scrollOffset > 1_000)
        state.scroll(.bottom, page: 10)
        #expect(state.scrollOffset == 0)
    }

    @Test func newOutputKeepsAScrolledViewInPlaceAndTheScrollbackIsBounded() {
        var state = DashboardState()
        state.append(["a", "b"])
        state.scrollOffset = 1
        state.append(["c", "d", "e"])
        #expect(state.scrollOffset == 4)
        state.width = 10
        state.append([String(repeating: "x", count: 25)])  // three rows at 10 columns
        #expect(state.scrollOffset == 7)
        state.append((0..<DashboardState.scrollbackLimit).map(String.init))
        #expect(state.scrollback.count == DashboardState.scrollbackLimit)
        #expect(state.scrollback.first == "0")
        state.clear()
        #expect(state.scrollback.isEmpty && state.scrollOffset == 0)
    }

    @Test func panesToggle() {
        var state = DashboardState()
        state.toggle(.latency)
        #expect(state.hiddenPanes == [.latency])
        state.toggle(.latency)
        #expect(state.hiddenPanes.isEmpty)
    }

    @Test func echoHidesTheArgumentsOfLinesHoldingSecrets() {
        let prompt = "127.0.0.1:6380> "
        #expect(DashboardState.echo(prompt: prompt, line: Array("GET k".utf8), password: "pw") == prompt + "GET k")
        let auth = DashboardState.echo(prompt: prompt, line: Array("AUTH alice s3cret".utf8), password: nil)
        #expect(auth == prompt + "AUTH (arguments hidden: they hold a secret)")
        let typed = DashboardState.echo(prompt: prompt, line: Array("ECHO hunter2".utf8), password: "hunter2")
        #expect(!typed.contains("hunter2"))
        let pasted = DashboardState.echo(prompt: prompt, line: Array("hunter2 oops".utf8), password: "hunter2")
        #expect(pasted == prompt + "(line hidden: it holds the password)")
        #expect(DashboardState.command(of: Array("hunter2".utf8), password: "hunter2", now: 0) == nil)
        let config = DashboardState.echo(prompt: prompt, line: Array("config set requirepass x".utf8), password: nil)
        #expect(!config.contains(" x"))
    }

    @Test func activityNamesTheRunningCommandOnceItTakesVisibleTime() throws {
        var state = DashboardState()
        state.running = try #require(DashboardState.command(of: Array("blpop q 0".utf8), password: nil, now: 100))
        #expect(state.activity(now: 100.1) == nil)
        #expect(state.activity(now: 102.45) == "running BLPOP 2.5 s · Ctrl-C cancels")
        state.running = DashboardState.command(of: Array("3 subscribe ch".utf8), password: nil, now: 100)
        #expect(state.activity(now: 100) == "streaming SUBSCRIBE · Ctrl-C stops")
        #expect(DashboardState.command(of: Array(":pool".utf8), password: nil, now: 0) == nil)
        // A background :load run shows when nothing typed runs.
        let window = LoadProgress.Window(index: 3, replies: 7_100, opsPerSecond: 7_100.4, latency: .empty)
        var load = LoadProgress(elapsed: 4.04, running: true, replies: 28_000, errors: [:], perCommand: [:],
                                opsPerSecond: 7_000, latency: .empty, window: window)
        #expect(DashboardState().activity(now: 0, load: load) == "load running 4.0 s · 7,100 ops/s · :load stop ends it")
        load.running = false
        #expect(DashboardState().activity(now: 0, load: load) == nil)
        #expect(DashboardState.command(of: Array("   ".utf8), password: nil, now: 0) == nil)
    }

    @Test func helpListsEveryPaneKeyAndMetaCommand() {
        let lines = DashboardHelp.lines(hiddenPanes: [])
        for (function, pane) in DashboardKeyMap.paneKeys {
            #expect(lines.joined().contains("F\(function) \(DashboardRenderer.title(pane))"))
        }
        for kind in MetaCommand.Kind.allCases { #expect(lines.contains { $0.hasPrefix("  :\(kind.rawValue) ") }) }
        #expect(lines.count <= DashboardLayout.minimumRows - 2)  // fits between header and input at 80x24
    }

    @Test func theDashboardNeedsATerminalOnBothEndsThatIsNotDumb() {
        #expect(InteractiveSurface.choose(noTUI: false, stdinIsTerminal: true, stdoutIsTerminal: true, term: "xterm") == .dashboard)
        #expect(InteractiveSurface.choose(noTUI: true, stdinIsTerminal: true, stdoutIsTerminal: true, term: "xterm") == .lineConsole)
        #expect(InteractiveSurface.choose(noTUI: false, stdinIsTerminal: true, stdoutIsTerminal: false, term: "xterm") == .lineConsole)
        #expect(InteractiveSurface.choose(noTUI: false, stdinIsTerminal: true, stdoutIsTerminal: true, term: "dumb") == .lineConsole)
        #expect(InteractiveSurface.choose(noTUI: false, stdinIsTerminal: true, stdoutIsTerminal: true, term: nil) == .lineConsole)
        #expect(InteractiveSurface.dashboardProbeInterval(given: false, healthInterval: 30) == 1)
        #expect(InteractiveSurface.dashboardProbeInterval(given: true, healthInterval: 30) == 30)
    }
}

struct ReplBridgeTests {
    @Test func outputBecomesLinesAndAPartialLineWaitsForItsEnd() {
        let bridge = ReplBridge()
        bridge.write(Array("one\r\ntw".utf8), to: .stdout)
        bridge.write(Array("o\n".utf8), to: .stderr)
        bridge.clearScreen()
        bridge.write(Array("three".utf8), to: .stdout)
        let messages = bridge.drain()
        #expect(messages.count == 3)
        if case .output(let lines) = messages[0] { #expect(lines == ["one"]) } else { Issue.record("\(messages[0])") }
        if case .output(let lines) = messages[1] { #expect(lines == ["two"]) } else { Issue.record("\(messages[1])") }
        if case .clear = messages[2] {} else { Issue.record("\(messages[2])") }
        #expect(bridge.drain().isEmpty)
    }

    @Test func readLineWaitsForTheUIAndAnnouncesItsPrompt() {
        let bridge = ReplBridge()
        bridge.submit(.line(Array("PING".utf8)))
        let result = PthreadMutex<LineInput?>(nil)
        let worker = BackgroundThread {
            let line = bridge.readLine(prompt: "db> ")
            result.withLock { $0 = line }
        }
        worker.join()
        #expect(result.withLock { $0 } == .line(Array("PING".utf8)))
        let messages = bridge.drain()
        if case .ready(let prompt)? = messages.first { #expect(prompt == "db> ") } else { Issue.record("\(messages)") }
        // Nothing typed yet: the worker waits until the UI submits.
        let later = BackgroundThread {
            let line = bridge.readLine(prompt: "x> ")  // outside the lock: the test reads it meanwhile
            result.withLock { $0 = line }
        }
        usleep(50_000)
        #expect(result.withLock { $0 } == .line(Array("PING".utf8)))
        bridge.submit(.endOfFile)
        later.join()
        #expect(result.withLock { $0 } == .endOfFile)
    }
}
