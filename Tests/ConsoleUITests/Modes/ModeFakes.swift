import ConnCore
@testable import ConsoleUI

/// Captures what a mode writes, per stream.
final class CapturedOutput: OutputSink {
    var stdout: [UInt8] = []
    var stderr: [UInt8] = []

    func write(_ bytes: [UInt8], to destination: OutputDestination) {
        if destination == .stdout { stdout += bytes } else { stderr += bytes }
    }

    var text: String { String(decoding: stdout, as: UTF8.self) }
    var errorText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Answers commands from a script: a function of the argv; records every command.
final class ScriptedExecutor: CommandExecutor {
    private let answer: ([String]) -> RESPValue
    private(set) var commands: [[String]] = []

    init(_ answer: @escaping ([String]) -> RESPValue) {
        self.answer = answer
    }

    func execute(_ argv: [[UInt8]]) throws(ConsoleError) -> RESPValue {
        let words = argv.map { String(decoding: $0, as: UTF8.self) }
        commands.append(words)
        return answer(words)
    }

    func nextPushed() throws(ConsoleError) -> RESPValue { .null }
}

/// A clock moved by hand (each `now()` may advance it by `step`).
final class SteppingClock: SecondsClock, @unchecked Sendable {
    var time: Double
    var step: Double

    init(start: Double = 1000, step: Double = 0) {
        self.time = start
        self.step = step
    }

    func now() -> Double {
        defer { time += step }
        return time
    }
}
