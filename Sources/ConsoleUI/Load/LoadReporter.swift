import ConnCore
import Glibc

/// `redis-console --load`: starts the generator, prints a report at the end of each window
/// (text, or one JSON object per line), then the summary. A cancelled `interrupt` token
/// (Ctrl-C) stops the run early; the summary is still printed.
public final class LoadReporter {
    private let generator: LoadGenerator
    private let output: OutputSink
    private let json: Bool
    private let interrupt: CancellationToken?

    public init(generator: LoadGenerator, output: OutputSink, json: Bool, interrupt: CancellationToken? = nil) {
        self.generator = generator
        self.output = output
        self.json = json
        self.interrupt = interrupt
    }

    /// 0 when the server answered at least once, 1 when nothing got a reply.
    public func run() -> Int32 {
        let interval = generator.settings.interval
        generator.start()
        var reports = 1
        while generator.isRunning {
            // Just after the window ends, so the report shows that complete window.
            let due = Double(reports) * interval + 0.005
            while generator.isRunning, generator.elapsed < due, interrupt?.isCancelled != true {
                usleep(20_000)
            }
            if interrupt?.isCancelled == true { generator.stop() }
            guard generator.isRunning else { break }
            print(generator.progress(), final: false)
            reports += 1
        }
        generator.waitUntilFinished()
        let progress = generator.progress()
        print(progress, final: true)
        return progress.replies > 0 ? 0 : 1
    }

    private func print(_ progress: LoadProgress, final: Bool) {
        let pool = generator.client.pool.stats()
        let lines: [String]
        if json {
            lines = [LoadJSON.render(progress, pool: pool, final: final).serialized()]
        } else {
            lines = final ? LoadTextReport.summary(progress, settings: generator.settings, pool: pool)
                : [LoadTextReport.intervalLine(progress, pool: pool)]
        }
        output.write(Array((lines.joined(separator: "\n") + "\n").utf8), to: .stdout)
    }
}
