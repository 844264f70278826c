import ConnCore
import ConsoleUI

/// `--doctor`: run the diagnosis, print it (text, or one JSON object with `--json`), and exit
/// with its verdict: 0 ok, 1 warning, 2 critical.
extension RedisConsoleMain {
    static func runDoctor(_ loaded: LoadedConfiguration, streams: StandardStreams) -> Int32 {
        let report = Doctor(settings: loaded.connection, thresholds: loaded.options.doctorThresholds).run()
        if loaded.options.output == .json {
            streams.writeLine(DoctorJSON.render(report).serialized(), to: .stdout)
        } else {
            DoctorTextReport.render(report).forEach { streams.writeLine($0, to: .stdout) }
        }
        return report.exitCode
    }
}
