import Testing
@testable import ConnCore

struct FaultRequestTests {
    @Test func parsesEachFaultWithItsSeconds() throws {
        #expect(try FaultRequest.parse(["kill"]) == .kill)
        #expect(try FaultRequest.parse(["PAUSE"]) == .pause(seconds: 3))
        #expect(try FaultRequest.parse(["pause", "1.5"]) == .pause(seconds: 1.5))
        #expect(try FaultRequest.parse(["slow", "2"]) == .slow(seconds: 2))
        #expect(try FaultRequest.parse(["restart"]) == .restart)
    }

    @Test(arguments: [
        ([], ":fault needs a fault to inject"),
        (["explode"], "unknown fault 'explode'"),
        (["kill", "now"], ":fault kill takes no arguments"),
        (["pause", "0"], ":fault pause: '0' is not a number of seconds from 0 to 60"),
        (["slow", "61"], ":fault slow: '61' is not a number of seconds from 0 to 60"),
        (["slow", "1", "2"], ":fault slow takes at most a number of seconds"),
    ])
    func badRequestsSayWhatIsWrong(words: [String], message: String) {
        do {
            _ = try FaultRequest.parse(words)
            Issue.record("parsed \(words)")
        } catch {
            #expect(error.message == message)
            #expect(error.hint?.contains(":fault") == true)
        }
    }

    @Test func productionRefusesEveryFaultAndRestartNeedsTheSupervisedDemoServer() {
        for request in [FaultRequest.kill, .pause(seconds: 1), .slow(seconds: 1), .restart] {
            let refusal = request.refusal(profile: .production, host: "127.0.0.1", demoServerSupervised: true)
            #expect(refusal?.message == "fault injection is refused in the production profile")
        }
        #expect(FaultRequest.kill.refusal(profile: .development, host: "cache.example.com", demoServerSupervised: false) == nil)
        #expect(FaultRequest.pause(seconds: 1).refusal(profile: .development, readOnly: true, host: "localhost",
                                                       demoServerSupervised: true)?.message == "fault injection is refused in a --read-only console")
        #expect(FaultRequest.restart.refusal(profile: .development, host: "127.0.0.1", demoServerSupervised: false) != nil)
        #expect(FaultRequest.restart.refusal(profile: .testing, host: "cache.example.com", demoServerSupervised: true) != nil)
        #expect(FaultRequest.restart.refusal(profile: .development, host: "localhost", demoServerSupervised: true) == nil)
    }

    @Test func commandsSentForEachFault() {
        #expect(FaultRequest.pause(seconds: 1.5).commands == [["CLIENT", "PAUSE", "1500", "ALL"]])
        #expect(FaultRequest.slow(seconds: 0.25).commands == [["DEBUG", "SLEEP", "0.250"]])
        #expect(FaultRequest.restart.commands == [["SHUTDOWN", "NOSAVE"]])
    }

    @Test func victimsAreThisConsolesConnectionsButNotTheAsker() {
        let listing = """
        id=3 addr=127.0.0.1:5000 laddr=127.0.0.1:6380 fd=8 name=redis-console age=9 idle=0 flags=N db=0
        id=4 addr=127.0.0.1:5001 laddr=127.0.0.1:6380 fd=9 name= age=9 idle=0 flags=N db=0
        id=7 addr=127.0.0.1:5002 laddr=127.0.0.1:6380 fd=10 name=redis-console age=1 idle=0 flags=N db=0
        id=9 addr=127.0.0.1:5003 laddr=127.0.0.1:6380 fd=11 name=redis-console age=0 idle=0 flags=N db=0

        """
        let entries = ClientList.parse(listing)
        #expect(entries.map(\.id) == [3, 4, 7, 9])
        #expect(entries.map(\.port) == [5000, 5001, 5002, 5003])
        #expect(ClientList.victims(entries, named: "redis-console", ports: nil, excluding: 9) == [3, 7])
        // Known ports win over the name: another console's connection (5000) is spared.
        #expect(ClientList.victims(entries, named: "redis-console", ports: [5002, 5003], excluding: 9) == [7])
    }

    @Test func ownPortsComeFromTheProcessSocketsInProcNetTCP() {
        let inodes = OwnConnections.socketInodes(["/dev/null", "socket:[636]", "pipe:[7]", "socket:[1001]"])
        #expect(inodes == [636, 1001])
        let table = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 636 1 0 100 0 0 10 0
           1: 0100007F:91B1 0100007F:8B40 01 00000000:00000000 00:00000000 00000000     0        0 999 1 0 20 4 30 10 -1
           2: 0100007F:D431 0100007F:18EB 01 00000000:00000000 00:00000000 00000000     0        0 1001 1 0 20 4 30 10 -1

        """
        #expect(OwnConnections.localPorts(procNetTCP: table, inodes: inodes) == [0x07E8, 0xD431])
        #expect(OwnConnections.localPorts() != nil)  // Linux: /proc is there
    }
}
