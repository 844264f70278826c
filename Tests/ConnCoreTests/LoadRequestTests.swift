import Testing
@testable import ConnCore

struct LoadRequestTests {
    @Test func wordsBecomeTheLoadFlagsSettings() throws {
        #expect(try LoadRequest.parse(["stop"], profile: .development) == .stop)
        #expect(try LoadRequest.parse(["status"], profile: .development) == .status)
        guard case .start(let settings) = try LoadRequest.parse(["--workers", "80", "--commands", "GET,INCR", "--duration", "2"],
                                                                 profile: .development) else {
            Issue.record("not a start")
            return
        }
        #expect(settings.workers == 80 && settings.commands == [.get, .incr] && settings.duration == 2)
        #expect(try LoadRequest.parse([], profile: .testing) == .status)  // asking never writes
        guard case .start(let defaults) = try LoadRequest.parse(["start"], profile: .testing) else {
            Issue.record("start did not start")
            return
        }
        #expect(defaults.workers == 50 && defaults.commands == [.get, .set])
    }

    @Test func badWordsAndProductionWritesAreRefusedWithAFix() {
        let cases: [([String], Profile, String)] = [
            (["--workers"], .development, ":load --workers needs a value"),
            (["--threads", "3"], .development, ":load does not know '--threads'"),
            (["--workers", "0"], .development, "--workers: '0' is not a whole number from 1 to 10000"),
            (["start"], .production, "refused: the production profile does not allow the load generator to write (SET)"),
        ]
        for (words, profile, message) in cases {
            do {
                _ = try LoadRequest.parse(words, profile: profile)
                Issue.record("accepted \(words)")
            } catch {
                #expect(error.message == message)
                #expect(error.hint != nil)
            }
        }
        #expect((try? LoadRequest.parse(["--commands", "GET,PING"], profile: .production)) != nil)
        do {
            _ = try LoadRequest.parse(["--commands", "GET,INCR"], profile: .development, readOnly: true)
            Issue.record("a --read-only console started a write load")
        } catch {
            #expect(error.message == "refused: this console is --read-only and the load mix writes (INCR)")
        }
        #expect((try? LoadRequest.parse(["--commands", "GET"], profile: .development, readOnly: true)) != nil)
    }
}
