import Glibc

/// `--doctor`'s driver: runs each step against the configured endpoint, times it, and hands
/// what it saw to the pure checks (`ConnectionChecks`, `CertificateChecks`, `ServerChecks`).
/// It goes on after a failure whenever a later step can still say something, but AUTH and
/// commands only ever go over a connection whose TLS verification succeeded; when it failed,
/// the chain is fetched on a separate connection with verification off, and nothing is sent there.
public struct Doctor: Sendable {
    public let settings: ConnectionSettings
    public let thresholds: DoctorThresholds
    /// PINGs in the latency sample.
    public var pingCount = 20
    /// SLOWLOG entries shown.
    public var slowlogCount = 5
    private let now: @Sendable () -> Int64

    public init(settings: ConnectionSettings, thresholds: DoctorThresholds,
                now: @escaping @Sendable () -> Int64 = { Int64(time(nil)) }) {
        var settings = settings
        settings.clientName = "redis-console-doctor"  // sent, so a server wanting a password says so
        self.settings = settings
        self.thresholds = thresholds
        self.now = now
    }

    public func run() -> DoctorReport {
        var run = Run(doctor: self, time: now())
        run.connect()
        return DoctorReport(endpoint: settings.redactedURL, time: run.time,
                            steps: DoctorStep.Kind.allCases.map { run.steps[$0] ?? .skipped($0, run.skipReason) })
    }

    /// One run's state: the steps so far and why the remaining ones cannot run.
    private struct Run {
        let doctor: Doctor
        let time: Int64
        var steps: [DoctorStep.Kind: DoctorStep] = [:]
        var skipReason = "an earlier step failed"

        var settings: ConnectionSettings { doctor.settings }
        var endpoint: String { Endpoint.describe(host: settings.host, port: settings.port) }

        init(doctor: Doctor, time: Int64) {
            self.doctor = doctor
            self.time = time
        }

        mutating func record(_ step: DoctorStep) { steps[step.kind] = step }

        mutating func connect() {
            let tls = settings.tls
            if tls.enabled {
                // A local file: worth reading whatever happens on the network.
                record(CertificateChecks.clientCertificate(
                    path: tls.certificateFile, certificates: tls.certificateFile.flatMap(CertificateInfo.load(pemFile:)),
                    now: time, thresholds: doctor.thresholds))
            } else {
                record(.skipped(.certificateChain, "TLS is off"))
                record(.skipped(.clientCertificate, "TLS is off"))
            }

            let (addresses, dnsSeconds) = timed { () throws(ConsoleError) in
                try TCPSocket.resolveAddresses(host: settings.host, port: settings.port)
            }
            record(ConnectionChecks.dns(host: settings.host, addresses: addresses, seconds: dnsSeconds))
            guard case .success = addresses else { return skipRest("the host name did not resolve") }

            guard let socket = openSocket() else { return }
            let factory: ConnectionFactory
            do {
                factory = try ConnectionFactory(settings: settings, resumesSessions: false)
            } catch {
                record(ConnectionChecks.tls(TLSObservation(session: nil, failure: error, resumption: .notTried("no TLS"), seconds: 0)))
                return skipRest("the TLS settings cannot be used")
            }
            guard tls.enabled else {
                record(ConnectionChecks.tlsOff(endpoint: endpoint))
                return talk(over: socket, session: nil, factory: factory)
            }
            let (handshake, seconds) = timed { () throws(ConsoleError) in
                try factory.handshake(on: socket, resumeFrom: nil, deadline: .after(seconds: settings.connectTimeout))
            }
            switch handshake {
            case .success(let stream):
                let observation = TLSObservation(session: stream.session, failure: nil, resumption: .notTried(""), seconds: seconds)
                record(CertificateChecks.chain(session: stream.session, failure: nil, expectedName: settings.verifiedName,
                                               now: time, thresholds: doctor.thresholds))
                talk(over: stream, session: observation, factory: factory)
            case .failure(let error):
                socket.close()
                // Inspecting needs a server that speaks TLS and answers in time.
                let inspectable = error.kind == .tls && !error.message.contains("answered without TLS")
                let inspected = inspectable ? inspectChain() : nil
                record(ConnectionChecks.tls(TLSObservation(session: nil, failure: error, inspected: inspected,
                                                           resumption: .notTried("the handshake failed"), seconds: seconds)))
                guard let inspected else {
                    record(.skipped(.certificateChain, "no certificate could be read: the TLS handshake failed"))
                    return skipRest("no TLS connection")
                }
                record(CertificateChecks.chain(session: inspected, failure: error, expectedName: settings.verifiedName,
                                               now: time, thresholds: doctor.thresholds))
                skipRest("nothing is sent over a TLS connection that failed verification")
            }
        }

        mutating func openSocket() -> TCPSocket? {
            let (socket, seconds) = timed { () throws(ConsoleError) in
                try TCPSocket.connect(host: settings.host, port: settings.port,
                                      deadline: .after(seconds: settings.connectTimeout), keepalive: settings.keepalive)
            }
            switch socket {
            case .success(let socket):
                record(ConnectionChecks.tcp(endpoint: endpoint, failure: nil, seconds: seconds))
                return socket
            case .failure(let error):
                record(ConnectionChecks.tcp(endpoint: endpoint, failure: error, seconds: seconds))
                if settings.tls.enabled { record(.skipped(.tls, "no TCP connection")) }
                skipRest("no TCP connection")
                return nil
            }
        }

        /// The presented chain, read on a new connection with verification off. Only the
        /// handshake happens there; the connection is closed at once.
        func inspectChain() -> TLSSessionInfo? {
            var inspection = settings
            inspection.tls.verifyPeer = false
            inspection.tls.caFile = nil
            inspection.tls.caDirectory = nil
            let deadline = Deadline.after(seconds: settings.connectTimeout)
            guard let factory = try? ConnectionFactory(settings: inspection, resumesSessions: false),
                  let socket = try? TCPSocket.connect(host: settings.host, port: settings.port, deadline: deadline, keepalive: 0),
                  let stream = try? factory.handshake(on: socket, resumeFrom: nil, deadline: deadline) else { return nil }
            stream.close()
            return stream.session
        }

        /// AUTH, then the commands, on a connection that is plaintext or verified TLS.
        mutating func talk(over stream: ByteStream, session: TLSObservation?, factory: ConnectionFactory) {
            let connection = RedisConnection(stream: stream, settings: settings, tls: session?.session, limits: factory.limits)
            defer { connection.close() }
            let (handshake, authSeconds) = timed { () throws(ConsoleError) in try Handshake.run(on: connection, settings: settings) }
            if var session {
                session.resumption = resume(connection.resumableSession(), factory: factory)
                record(ConnectionChecks.tls(session))
            }
            switch handshake {
            case .success:
                record(ServerChecks.authentication(settings.password == nil ? .noPassword : .accepted(user: settings.username),
                                                   seconds: authSeconds))
            case .failure(let error):
                // A TLS port drops a plaintext client without a word.
                let explained = session == nil && error.kind == .io ? factory.explainDroppedPlaintext(error) : error
                record(ServerChecks.authentication(.failed(explained), seconds: authSeconds))
                return skipRest("not authenticated")
            }
            commands(on: connection)
        }

        /// A second handshake offering the first one's session.
        func resume(_ handle: TLSSessionHandle?, factory: ConnectionFactory) -> TLSObservation.Resumption {
            guard let handle else { return .notTried("the server offered no resumable session") }
            let deadline = Deadline.after(seconds: settings.connectTimeout)
            do throws(ConsoleError) {
                let socket = try TCPSocket.connect(host: settings.host, port: settings.port, deadline: deadline, keepalive: 0)
                let started = Deadline.now()
                let stream = try factory.handshake(on: socket, resumeFrom: handle, deadline: deadline)
                let seconds = Deadline.seconds(since: started)
                stream.close()
                return stream.session.resumed ? .resumed(seconds: seconds) : .notResumed(seconds: seconds)
            } catch {
                return .notTried("the 2nd handshake failed: \(error.message)")
            }
        }

        mutating func commands(on connection: RedisConnection) {
            let password = settings.password
            func run(_ argv: [String]) -> (Result<RESPValue, ConsoleError>, Double) {
                timed { () throws(ConsoleError) in try connection.request(argv) }
            }
            func text(_ reply: RESPValue) -> String { Redaction.removing(password, from: reply.text ?? "") }

            let (firstInfo, _) = run(["INFO"])
            var samples: [Double] = []
            var failure: String?
            for _ in 0..<doctor.pingCount {
                let (reply, seconds) = run(["PING"])
                switch reply {
                case .success(let value) where value.isError: failure = "the server replied \(text(value))"
                case .success: samples.append(seconds)
                case .failure(let error): failure = Redaction.removing(password, from: error.message)
                }
                if failure != nil { break }
            }
            record(ServerChecks.ping(samples: samples, failure: failure, thresholds: doctor.thresholds))
            if connection.isBroken { return skipRest("the connection broke") }

            let (secondInfo, infoSeconds) = run(["INFO"])
            switch secondInfo {
            case .success(let reply) where reply.isError:
                record(ServerChecks.refused(.serverInfo, command: "INFO", reply: text(reply)))
            case .success(let reply):
                // Without the first INFO, nothing can be said about counters growing now.
                let second = ServerInfo.parse(text(reply))
                let first = (try? firstInfo.get()).flatMap { $0.isError ? nil : ServerInfo.parse(text($0)) } ?? second
                record(ServerChecks.serverInfo(first: first, second: second, seconds: infoSeconds))
            case .failure(let error):
                record(.skipped(.serverInfo, "INFO got no reply: \(error.message)"))
            }

            let (slowlog, slowlogSeconds) = run(["SLOWLOG", "GET", String(doctor.slowlogCount)])
            switch slowlog {
            case .success(let reply) where reply.isError:
                record(ServerChecks.refused(.slowlog, command: "SLOWLOG GET", reply: text(reply)))
            case .success(let reply):
                record(ServerChecks.slowlog(SlowlogEntry.parse(reply) ?? [], password: password, seconds: slowlogSeconds))
            case .failure(let error):
                record(.skipped(.slowlog, error.message))
            }

            let (latency, latencySeconds) = run(["LATENCY", "DOCTOR"])
            switch latency {
            case .success(let reply) where reply.isError:
                record(ServerChecks.refused(.latencyDoctor, command: "LATENCY DOCTOR", reply: text(reply)))
            case .success(let reply):
                record(ServerChecks.latencyDoctor(text(reply), seconds: latencySeconds))
            case .failure(let error):
                record(.skipped(.latencyDoctor, error.message))
            }
        }

        mutating func skipRest(_ reason: String) { skipReason = reason }
    }
}

/// Runs `body` and measures it on the monotonic clock.
private func timed<T>(_ body: () throws(ConsoleError) -> T) -> (Result<T, ConsoleError>, Double) {
    let started = Deadline.now()
    do throws(ConsoleError) {
        let value = try body()
        return (.success(value), Deadline.seconds(since: started))
    } catch {
        return (.failure(error), Deadline.seconds(since: started))
    }
}
