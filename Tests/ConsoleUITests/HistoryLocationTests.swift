import Testing
@testable import ConsoleUI

struct HistoryLocationTests {
    @Test(arguments: [
        (["REDISCONSOLE_HISTFILE": "/tmp/h", "XDG_STATE_HOME": "/s", "HOME": "/home/u"], HistoryLocation.file("/tmp/h")),
        (["REDISCONSOLE_HISTFILE": "relative/h", "HOME": "/home/u"], .file("relative/h")),
        (["REDISCONSOLE_HISTFILE": "/dev/null", "HOME": "/home/u"], .disabled),
        (["REDISCONSOLE_HISTFILE": "", "HOME": "/home/u"], .disabled),
        (["XDG_STATE_HOME": "/home/u/.local/state", "HOME": "/home/u"], .file("/home/u/.local/state/redis-console/history")),
        (["XDG_STATE_HOME": "/state/", "HOME": "/home/u"], .file("/state/redis-console/history")),
        (["XDG_STATE_HOME": "relative", "HOME": "/home/u"], .file("/home/u/.redisconsole_history")),
        (["XDG_STATE_HOME": "", "HOME": "/home/u"], .file("/home/u/.redisconsole_history")),
        (["HOME": "/home/u"], .file("/home/u/.redisconsole_history")),
        (["HOME": "/"], .file("/.redisconsole_history")),
        (["HOME": ""], .disabled),
        ([:], .disabled),
    ])
    func resolvesFromTheEnvironment(_ environment: [String: String], _ expected: HistoryLocation) {
        #expect(HistoryLocation.resolve(environment: environment) == expected)
    }

    @Test func pathIsNilWhenDisabled() {
        #expect(HistoryLocation.disabled.path == nil)
        #expect(HistoryLocation.file("/x").path == "/x")
    }
}
