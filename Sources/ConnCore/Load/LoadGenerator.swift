import Glibc

/// The load generator's driver: `settings.workers` threads, each with its own `ClientSession`
/// on the shared `RedisClient`, send the mix through the pool (so the pool, latency and event
/// figures move as for any user) until the duration ends or `stop()` is called. The decisions
/// are pure values (`LoadMix`, `LoadPacer`, `LoadTally`); this class only does the I/O.
///
/// Thread-safe: `start`, `stop`, `waitUntilFinished` and `progress` may be called from any
/// thread; `progress` never waits on the network (a 4 Hz dashboard reads it).
public final class LoadGenerator: @unchecked Sendable {
    public let client: RedisClient
    public let settings: LoadSettings
    private let clock: any SecondsClock
    private let value: [UInt8]

    private struct Control {
        var started = false
        var stopping = false
        var active = 0
        var finishedAt: Double?
        var workers: [BackgroundThread] = []
        var tokens: [CancellationToken] = []
        var end: Double?
    }

    private let control = PthreadMutex(Control())
    private let tally: PthreadMutex<LoadTally>
    private let pacer: PthreadMutex<LoadPacer>

    public init(client: RedisClient, settings: LoadSettings, clock: any SecondsClock = MonotonicClock()) {
        self.client = client
        self.settings = settings
        self.clock = clock
        self.value = [UInt8](repeating: UInt8(ascii: "x"), count: max(0, settings.valueSize))
        self.tally = PthreadMutex(LoadTally(start: clock.now(), interval: settings.interval))
        self.pacer = PthreadMutex(LoadPacer(rate: settings.rate))
    }

    /// Starts the workers and returns at once. A generator runs once; later calls do nothing.
    public func start() {
        let now = clock.now()
        let tokens = (0..<max(1, settings.workers)).map { _ in CancellationToken() }
        let begin = control.withLock { control -> Bool in
            guard !control.started else { return false }
            control.started = true
            control.active = tokens.count
            control.tokens = tokens
            control.end = settings.duration.map { now + $0 }
            return true
        }
        guard begin else { return }
        tally.withLock { $0 = LoadTally(start: now, interval: settings.interval) }
        let threads = tokens.enumerated().map { index, token in
            BackgroundThread { [self] in
                runWorker(index, token)
                finishWorker()
            }
        }
        control.withLock { $0.workers = threads }
    }

    /// Stops the workers (commands in flight are cancelled) and waits until they have ended.
    public func stop() {
        let tokens = control.withLock { control -> [CancellationToken] in
            control.stopping = true
            return control.tokens
        }
        tokens.forEach { $0.cancel() }
        waitUntilFinished()
    }

    /// Waits until every worker has ended: the duration has passed, or `stop` was called.
    public func waitUntilFinished() {
        let threads = control.withLock { $0.workers }
        threads.forEach { $0.join() }
    }

    public var isRunning: Bool {
        control.withLock { $0.started && $0.finishedAt == nil }
    }

    /// Seconds since `start` (frozen once finished); cheap, for schedules that poll.
    public var elapsed: Double {
        let finishedAt = control.withLock { $0.finishedAt }
        return (finishedAt ?? clock.now()) - tally.withLock { $0.start }
    }

    /// The counters now; once finished, as they were when the last worker ended.
    public func progress() -> LoadProgress {
        let (running, finishedAt) = control.withLock { ($0.started && $0.finishedAt == nil, $0.finishedAt) }
        let now = finishedAt ?? clock.now()
        return tally.withLock { $0 }.progress(now: now, running: running)
    }

    // MARK: workers

    private func runWorker(_ index: Int, _ token: CancellationToken) {
        let session = client.makeSession()
        defer { session.close() }
        var mix = LoadMix.forWorker(index, of: settings)
        let batch = max(1, settings.pipeline)
        while shouldContinue() {
            let operations = mix.next(batch)
            let delay = settings.rate == nil ? 0 : pacer.withLock { $0.reserve(batch, now: clock.now()) }
            if delay > 0, !pause(delay) { return }
            let commands = operations.map { $0.command }
            let argvs = operations.map { $0.command.argv(key: $0.key, value: value) }
            let start = Deadline.now()
            do throws(ConsoleError) {
                let replies = batch == 1
                    ? [try session.execute(argvs[0], cancellation: token)]
                    : try session.executePipeline(argvs, cancellation: token)
                let seconds = Deadline.seconds(since: start)
                let errors = replies.compactMap(Self.errorLabel)
                tally.withLock { $0.recordReplies(commands, seconds: seconds, errorReplies: errors, now: clock.now()) }
            } catch {
                if error.kind == .cancelled, token.isCancelled {
                    // Stopped mid-command: a write already sent may have run; count it as such.
                    if error.message.hasPrefix("outcome unknown") {
                        tally.withLock { $0.recordFailure("cancelled, outcome unknown", count: commands.count, now: clock.now()) }
                    }
                    return
                }
                tally.withLock { $0.recordFailure(error.kind.rawValue, count: commands.count, now: clock.now()) }
            }
        }
    }

    private func shouldContinue() -> Bool {
        let (stopping, end) = control.withLock { ($0.stopping, $0.end) }
        guard !stopping else { return false }
        return end.map { clock.now() < $0 } ?? true
    }

    /// Sleeps `seconds` in slices, so `stop` is seen within 50 ms; false when the run ends first
    /// (stopped, or the slot lies past the end).
    private func pause(_ seconds: Double) -> Bool {
        let wake = clock.now() + seconds
        if let end = control.withLock({ $0.end }), wake >= end { return false }
        while true {
            let left = wake - clock.now()
            if left <= 0 { return true }
            if control.withLock({ $0.stopping }) { return false }
            usleep(useconds_t(min(left, 0.05) * 1_000_000))
        }
    }

    private func finishWorker() {
        let now = clock.now()
        control.withLock { control in
            control.active -= 1
            if control.active == 0 { control.finishedAt = now }
        }
    }

    /// An error reply's first word: "WRONGTYPE", "ERR".
    static func errorLabel(_ reply: RESPValue) -> String? {
        guard case .error(let bytes) = reply else { return nil }
        return String(decoding: bytes.prefix { $0 != UInt8(ascii: " ") }, as: UTF8.self)
    }
}
