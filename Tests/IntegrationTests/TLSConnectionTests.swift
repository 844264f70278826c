import ConnCore
import Testing
import TestSupport

/// The connection factory against real TLS redis-server processes.
@Suite("TLS connections to a real redis-server") struct TLSConnectionTests {
    let certificates: TestCertificates
    init() throws { certificates = try TestCertificates.shared() }

    @Test func roundTripsOverVerifiedTLSAndResumesTheSession() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates), password: "pw-123"))
        defer { server.stop() }
        let factory = try ConnectionFactory(settings: tlsSettings(server, certificates: certificates, password: "pw-123"))
        let first = try factory.connect()
        #expect(try first.request(["SET", "bin", "a\u{0}b\r\n"]) == .simple("OK"))
        #expect(try first.request([Array("GET".utf8), Array("bin".utf8)]) == .bulkString([97, 0, 98, 13, 10]))
        let tls = try #require(first.tls)
        #expect(tls.version == "TLSv1.3")
        #expect(tls.verifiedName == "127.0.0.1")
        #expect(tls.peerChain.first?.subjectAlternativeNames.contains("IP:127.0.0.1") == true)
        #expect(!tls.resumed)
        let second = try factory.connect()
        #expect(second.tls?.resumed == true)
        #expect(try second.request(["CLIENT", "GETNAME"]) == .bulk("redis-console"))
    }

    @Test func verifiesDNSNamesWithSNIAndIPv6Literals() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        let byName = try ConnectionFactory(settings: tlsSettings(server, certificates: certificates, host: "localhost")).connect()
        #expect(byName.tls?.serverNameIndication == "localhost")
        #expect(try byName.request(["PING"]) == .simple("PONG"))
        if server.ipv6 {
            let v6 = try ConnectionFactory(settings: tlsSettings(server, certificates: certificates, host: "::1")).connect()
            #expect(v6.tls?.serverNameIndication == nil)  // never an IP in SNI
            #expect(try v6.request(["PING"]) == .simple("PONG"))
        }
    }

    @Test func mutualTLSNeedsAClientCertificate() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates, authClients: .yes)))
        defer { server.stop() }
        var settings = tlsSettings(server, certificates: certificates)
        let refused = consoleError { _ = try ConnectionFactory(settings: settings).connect() }
        #expect(refused?.message.contains("requires a client certificate") == true, "\(String(describing: refused))")

        settings.tls.certificateFile = certificates.client.certificate
        settings.tls.keyFile = certificates.client.key
        #expect(try ConnectionFactory(settings: settings).connect().request(["PING"]) == .simple("PONG"))

        settings.tls.certificateFile = certificates.unknownCAClient.certificate
        settings.tls.keyFile = certificates.unknownCAClient.key
        let untrusted = consoleError { _ = try ConnectionFactory(settings: settings).connect() }
        #expect(untrusted?.message.contains("rejected this client's certificate") == true)
    }

    @Test func authenticatesDefaultAndACLUsersAndSelectsTheDatabase() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates), password: "top",
                                           users: [.init("alice", password: "alice-pw")]))
        defer { server.stop() }
        var settings = tlsSettings(server, certificates: certificates, password: "alice-pw")
        settings.username = "alice"
        settings.database = 3
        let connection = try ConnectionFactory(settings: settings).connect()
        #expect(try connection.request(["ACL", "WHOAMI"]) == .bulk("alice"))
        #expect(try connection.request(["CLIENT", "INFO"]).text?.contains(" db=3 ") == true)

        settings.password = Secret("wrong-canary")
        let wrong = consoleError { _ = try ConnectionFactory(settings: settings).connect() }
        #expect(wrong?.kind == .authentication)
        #expect(wrong?.description.contains("wrong-canary") == false)

        settings.username = nil
        settings.password = nil
        let missing = consoleError { _ = try ConnectionFactory(settings: settings).connect() }
        #expect(missing?.message.contains("requires a password") == true)

        settings.password = Secret("top")
        settings.database = 99
        let badDatabase = consoleError { _ = try ConnectionFactory(settings: settings).connect() }
        #expect(badDatabase?.message.contains("database 99") == true)
    }

    @Test(arguments: [
        (TestCertificates.Server.expired, "has expired on"),
        (.notYetValid, "not valid yet until"),
        (.wrongHost, "does not match '127.0.0.1': it is valid for DNS:wrong.example.com"),
        (.unknownCA, "signed by a CA this client does not trust"),
        (.selfSigned, "self-signed certificate"),
    ])
    func badServerCertificatesAreExplained(kind: TestCertificates.Server, expected: String) throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates, server: kind)))
        defer { server.stop() }
        let error = consoleError { _ = try ConnectionFactory(settings: tlsSettings(server, certificates: certificates)).connect() }
        #expect(error?.kind == .tls)
        #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
        #expect(error?.hint != nil)
    }

    @Test func insecureSkipsVerificationButStillEncrypts() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates, server: .selfSigned)))
        defer { server.stop() }
        var settings = tlsSettings(server, certificates: certificates)
        settings.tls.verifyPeer = false
        let connection = try ConnectionFactory(settings: settings).connect()
        #expect(connection.tls?.verifiedName == nil)
        #expect(try connection.request(["PING"]) == .simple("PONG"))
    }

    @Test func expectedServerNameOverridesTheDialledHost() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates, server: .wrongHost)))
        defer { server.stop() }
        var settings = tlsSettings(server, certificates: certificates)
        settings.tls.expectedServerName = "wrong.example.com"
        let connection = try ConnectionFactory(settings: settings).connect()
        #expect(connection.tls?.verifiedName == "wrong.example.com")
        #expect(connection.tls?.serverNameIndication == "wrong.example.com")
    }

    @Test func tlsToAPlaintextPortAndPlaintextToATLSPortAreExplained() throws {
        let server = try RedisServer(.init(plaintext: true, tls: .using(certificates)))
        defer { server.stop() }
        var tlsToPlain = tlsSettings(server, certificates: certificates)
        tlsToPlain.port = try #require(server.port)
        tlsToPlain.connectTimeout = 1
        let silent = consoleError { _ = try ConnectionFactory(settings: tlsToPlain).connect() }
        #expect(silent?.message.contains("answered without TLS: is this its plain port?") == true)

        var plainToTLS = plainSettings(server)
        plainToTLS.port = try #require(server.tlsPort)
        let plain = consoleError { _ = try ConnectionFactory(settings: plainToTLS).connect() }
        #expect(plain?.hint?.contains("add --tls") == true, "\(String(describing: plain))")
    }

    @Test func aServerAnsweringInPlaintextIsNamed() throws {
        let listener = try FixedReplyListener()
        defer { listener.stop() }
        var settings = ConnectionSettings()
        settings.port = listener.port
        settings.tls.enabled = true
        let error = consoleError { _ = try ConnectionFactory(settings: settings).connect() }
        #expect(error?.message.contains("answered without TLS") == true, "\(String(describing: error))")
    }

    @Test func aHandshakeThatNeverEndsTimesOut() throws {
        let listener = try SilentListener()
        defer { listener.stop() }
        var settings = ConnectionSettings()
        settings.port = listener.port
        settings.tls.enabled = true
        settings.connectTimeout = 0.5
        let started = Deadline.now()
        let error = consoleError { _ = try ConnectionFactory(settings: settings).connect() }
        #expect(error?.kind == .timeout)
        #expect(error?.message.contains("TLS handshake") == true)
        #expect(Deadline.seconds(since: started) < 10)  // no hang; not a speed assertion
    }

    @Test func refusesTLS11OnlyServers() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates, protocols: "TLSv1.1"),
                                           extraConfig: []))
        defer { server.stop() }
        let error = consoleError { _ = try ConnectionFactory(settings: tlsSettings(server, certificates: certificates)).connect() }
        #expect(error?.message.contains("does not speak TLS 1.2 or 1.3") == true, "\(String(describing: error))")
    }
}
