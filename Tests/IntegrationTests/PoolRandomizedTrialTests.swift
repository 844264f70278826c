import ConnCore
import Glibc
import Synchronization
import Testing
import TestSupport

/// 10,000 commands from 8 concurrent sessions through one small pool, with commands cancelled
/// at random moments and the server stalled now and then past the operation timeout. Every
/// reply must belong to its command, no connection may leak, and the counters must add up.
@Suite("Randomized pool trial") struct PoolRandomizedTrialTests {
    struct Tally {
        var replies = 0
        var wrongReplies = 0
        var incrReplied = 0
        var incrUnknown = 0
        var notExecuted = 0
        var cancelled = 0
        var otherErrors: [String] = []
    }

    /// One in-flight command's token per worker, for the canceller to pick from.
    final class Slots: Sendable {
        private let tokens: Mutex<[CancellationToken?]>
        init(_ count: Int) { tokens = Mutex(Array(repeating: nil, count: count)) }
        func set(_ index: Int, _ token: CancellationToken?) { tokens.withLock { $0[index] = token } }
        func cancel(_ index: Int) { tokens.withLock { $0[index] }?.cancel() }
    }

    @Test func tenThousandCommandsWithCancelsAndTimeouts() throws {
        let certificates = try TestCertificates.shared()
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates), enableDebugCommand: true))
        defer { server.stop() }
        var settings = tlsSettings(server, certificates: certificates)
        settings.operationTimeout = 0.25
        var pool = PoolSettings()
        pool.maxSize = 6
        pool.acquireTimeout = 2
        var retry = RetrySettings()
        retry.backoff = Backoff(base: 0.01, cap: 0.1)
        let client = RedisClient(factory: try ConnectionFactory(settings: settings), pool: pool, retry: retry,
                                 randomSeed: 2026, learnsCommandFlags: false)
        let workers = 8
        let perWorker = 1_250
        let tally = Locked(Tally())
        let slots = Slots(workers)
        let stop = Locked(false)

        let canceller = BackgroundThread {
            var random = SeededRandomSource(seed: 99)
            while !stop.withLock({ $0 }) {
                // Rare enough that commands stalled by the server also reach their timeout.
                usleep(useconds_t(10_000 + random.next() % 20_000))
                if random.next() % 4 == 0 { slots.cancel(Int(random.next() % UInt64(workers))) }
            }
        }
        // Stalls the whole server past the timeout a few times: every command in flight then
        // times out together, the worst case for replies going astray.
        let base = settings
        let staller = BackgroundThread {
            var slow = base
            slow.operationTimeout = 5
            guard let connection = try? ConnectionFactory(settings: slow).connect() else { return }
            for _ in 0..<6 {
                usleep(300_000)
                if stop.withLock({ $0 }) { break }
                _ = try? connection.request(["DEBUG", "SLEEP", "0.5"])
            }
            connection.close()
        }
        let threads = (0..<workers).map { worker in
            BackgroundThread {
                var random = SeededRandomSource(seed: UInt64(worker) + 1)
                let session = client.makeSession()
                for index in 0..<perWorker {
                    let token = CancellationToken()
                    slots.set(worker, token)
                    let isIncr = random.next() % 4 == 0
                    let expected = "w\(worker)-\(index)"
                    let argv = isIncr ? ["INCR", "trial:counter"] : ["ECHO", expected]
                    do throws(ConsoleError) {
                        let reply = try session.execute(argv.map { Array($0.utf8) }, cancellation: token)
                        tally.withLock { tally in
                            tally.replies += 1
                            if isIncr {
                                if case .integer = reply { tally.incrReplied += 1 } else { tally.wrongReplies += 1 }
                            } else if reply != .bulk(expected) {
                                tally.wrongReplies += 1
                            }
                        }
                    } catch {
                        tally.withLock { tally in
                            if error.message.hasPrefix("outcome unknown") {
                                if isIncr { tally.incrUnknown += 1 } else { tally.otherErrors.append(error.message) }
                            } else if error.message.contains("cancelled") {
                                tally.cancelled += 1
                            } else if error.message.hasPrefix("not executed") {
                                tally.notExecuted += 1
                            } else {
                                tally.otherErrors.append(error.message)
                            }
                        }
                    }
                    slots.set(worker, nil)
                }
                session.close()
            }
        }
        threads.forEach { $0.join() }
        stop.withLock { $0 = true }
        canceller.join()
        staller.join()

        let result = tally.withLock { $0 }
        print("trial: \(client.pool.stats().closedByReason) replies \(result.replies), INCR replied \(result.incrReplied), INCR unknown \(result.incrUnknown), cancelled \(result.cancelled), not executed \(result.notExecuted), pool \(client.pool.stats().closedSummary), retries \(client.events.total)")
        let total = result.replies + result.incrUnknown + result.cancelled + result.notExecuted + result.otherErrors.count
        #expect(total == workers * perWorker)
        #expect(result.wrongReplies == 0)
        #expect(result.otherErrors.isEmpty, "\(result.otherErrors.prefix(5))")
        #expect(result.cancelled > 0, "the trial must really cancel commands")
        let closed = client.pool.stats().closedByReason
        #expect((closed[.error] ?? 0) > 0, "the trial must really time commands out: \(closed)")

        // The counter moved once per INCR that replied, plus at most once per unknown outcome.
        let check = try ConnectionFactory(settings: settings).connect()
        defer { check.close() }
        let counter = Int(try check.request(["GET", "trial:counter"]).text ?? "0") ?? -1
        #expect(counter >= result.incrReplied && counter <= result.incrReplied + result.incrUnknown + result.cancelled)

        // No connection leaked: none in use, and the server sees exactly the pool's open ones.
        let stats = client.pool.stats()
        #expect(stats.inUse == 0 && stats.waiters == 0 && stats.opening == 0)
        #expect(stats.created - stats.closed == stats.open)
        #expect(stats.open <= 6)
        let clients = try check.request(["CLIENT", "LIST"]).text ?? ""
        let ours = clients.split(separator: "\n").filter { $0.contains("name=redis-console") }.count
        #expect(ours == stats.open + 1, "server sees \(ours) clients; pool has \(stats.open) open plus this check")
        client.shutdown()
        #expect(client.pool.stats().open == 0)
    }
}
