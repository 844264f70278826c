import ConnCore
import Glibc

// What the pool saves: a pooled command against a new TLS connection per command (full
// handshake, and resumed), plus the cost of acquire/release itself. Prints one line per
// measurement. Usage: PoolBenchmark HOST PORT CA_FILE [SCALE]

let arguments = CommandLine.arguments
guard arguments.count >= 4, let port = Int(arguments[2]) else {
    print("usage: PoolBenchmark HOST PORT CA_FILE [SCALE]")
    exit(2)
}
let scale = arguments.count > 4 ? (Double(arguments[4]) ?? 1) : 1
var settings = ConnectionSettings()
settings.host = arguments[1]
settings.port = port
settings.tls.enabled = true
settings.tls.caFile = arguments[3]
settings.password = Secret(readEnvironment("REDISCLI_AUTH"))

func readEnvironment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}

/// Runs `body` `count` times and reports per-call percentiles in microseconds.
func measure(_ label: String, count: Int, _ body: () throws -> Void) rethrows {
    var samples: [Double] = []
    samples.reserveCapacity(count)
    for _ in 0..<min(50, count / 10) { try body() }  // warm-up
    let total = Deadline.now()
    for _ in 0..<count {
        let start = Deadline.now()
        try body()
        samples.append(Deadline.seconds(since: start) * 1_000_000)
    }
    let seconds = Deadline.seconds(since: total)
    samples.sort()
    func at(_ fraction: Double) -> Double { samples[min(samples.count - 1, Int(Double(samples.count) * fraction))] }
    let mean = samples.reduce(0, +) / Double(samples.count)
    print(pad(label, 44) + pad(String(count), 8) + pad(fixed(mean), 10) + pad(fixed(at(0.5)), 10)
          + pad(fixed(at(0.99)), 10) + pad(fixed(Double(count) / seconds, 0), 10))
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

func fixed(_ value: Double, _ decimals: Int = 1) -> String {
    let scaled = (value * 10).rounded() / 10
    return decimals == 0 ? String(Int(value.rounded())) : String(scaled)
}

let ping: [[UInt8]] = [Array("PING".utf8)]
do {
    print(pad("measurement (microseconds per call)", 44) + pad("calls", 8) + pad("mean", 10) + pad("p50", 10)
          + pad("p99", 10) + pad("calls/s", 10))

    let client = RedisClient(factory: try ConnectionFactory(settings: settings), learnsCommandFlags: false)
    let session = client.makeSession()
    try measure("PING, pooled connection (ClientSession)", count: Int(20_000 * scale)) {
        _ = try session.execute(ping)
    }
    let direct = try ConnectionFactory(settings: settings).connect()
    try measure("PING, one raw connection (no pool)", count: Int(20_000 * scale)) {
        _ = try direct.request(ping)
    }
    direct.close()

    // A new factory each time: the CA file is read and an SSL_CTX built, then a full handshake.
    try measure("PING, new TLS context + connection", count: Int(500 * scale)) {
        let connection = try ConnectionFactory(settings: settings).connect()
        _ = try connection.request(ping)
        connection.close()
    }
    let full = try ConnectionFactory(settings: settings, resumesSessions: false)
    try measure("PING, new TLS connection, full handshake", count: Int(500 * scale)) {
        let connection = try full.connect()
        _ = try connection.request(ping)
        connection.close()
    }
    let resuming = try ConnectionFactory(settings: settings)
    var resumed = 0
    try measure("PING, new TLS connection, session resumed", count: Int(500 * scale)) {
        let connection = try resuming.connect()
        if connection.tls?.resumed == true { resumed += 1 }
        _ = try connection.request(ping)
        connection.close()
    }
    print("  (\(resumed) of the connections opened for that line, warm-up included, were resumed)")

    try measure("pool acquire + release (idle connection)", count: Int(200_000 * scale)) {
        let lease = try client.pool.acquire()
        client.pool.release(lease, .reuse)
    }
    var machine = PoolStateMachine(settings: PoolSettings())
    _ = machine.acquire(0, now: 0)
    _ = machine.opened(1, now: 0)
    _ = machine.release(1, .reuse, now: 0)
    var waiter = 0
    measure("pool state machine acquire + release only", count: Int(200_000 * scale)) {
        waiter += 1
        _ = machine.acquire(waiter, now: 1)
        _ = machine.release(1, .reuse, now: 1)
    }
    session.close()
    client.shutdown()
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}
