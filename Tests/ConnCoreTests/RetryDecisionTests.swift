import Testing
@testable import ConnCore

@Suite("Retry decisions") struct RetryDecisionTests {
    private static func error(_ kind: ConsoleError.Kind) -> ConsoleError {
        ConsoleError(kind, "\(kind.rawValue) failed")
    }

    private static let unknown = RetryVerdict.fail(.outcomeUnknown)
    private static let notRun = RetryVerdict.fail(.notExecuted)

    /// Per failure, the verdicts for: read-only with a retry left, read-only with none left,
    /// write with a retry left, write with none left.
    private static let table: [(AttemptFailure, [RetryVerdict])] = [
        (.notSent(error(.resolve)), [.retry, notRun, .retry, notRun]),
        (.notSent(error(.connect)), [.retry, notRun, .retry, notRun]),
        (.notSent(error(.timeout)), [.retry, notRun, .retry, notRun]),
        (.notSent(error(.io)), [.retry, notRun, .retry, notRun]),
        (.notSent(error(.tls)), [notRun, notRun, notRun, notRun]),
        (.notSent(error(.authentication)), [notRun, notRun, notRun, notRun]),
        (.notSent(error(.configuration)), [notRun, notRun, notRun, notRun]),
        (.notSent(error(.usage)), [notRun, notRun, notRun, notRun]),
        (.notSent(error(.server)), [notRun, notRun, notRun, notRun]),
        (.notSent(error(.protocolError)), [notRun, notRun, notRun, notRun]),
        (.poolExhausted(ConsoleError(.timeout, "pool exhausted (50/50 in use, waited 5.0 s)")), [notRun, notRun, notRun, notRun]),
        (.refused("LOADING Redis is loading the dataset in memory"), [.retry, notRun, .retry, notRun]),
        (.afterSend(error(.timeout)), [.retry, notRun, unknown, unknown]),
        (.afterSend(error(.io)), [.retry, notRun, unknown, unknown]),
        (.afterSend(error(.protocolError)), [.retry, notRun, unknown, unknown]),
    ]

    @Test(arguments: table)
    func decisionTable(failure: AttemptFailure, expected: [RetryVerdict]) {
        let cases = [(true, 0), (true, 3), (false, 0), (false, 3)]
        let verdicts = cases.map { readOnly, done in
            RetryDecision.decide(failure, safeToResend: readOnly, retriesDone: done, retryLimit: 3)
        }
        #expect(verdicts == expected)
    }

    @Test func retriesRunOutAtTheLimit() {
        let failure = AttemptFailure.notSent(Self.error(.connect))
        #expect(RetryDecision.decide(failure, safeToResend: false, retriesDone: 2) == .retry)
        #expect(RetryDecision.decide(failure, safeToResend: false, retriesDone: 3) == Self.notRun)
        #expect(RetryDecision.decide(failure, safeToResend: false, retriesDone: 0, retryLimit: 0) == Self.notRun)
    }

    @Test(arguments: [
        "LOADING Redis is loading the dataset in memory",
        "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.",
        "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.",
        "BUSY Redis is busy running a module command.",
        "TRYAGAIN Multiple keys request during rehashing of slot",
        "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
        "CLUSTERDOWN The cluster is down",
        "CLUSTERDOWN Hash slot not served",
        "NOREPLICAS Not enough good replicas to write.",
        "ERR max number of clients reached",
        "ERR max number of clients + cluster connections reached",
    ])
    func refusalsAreRecognisedByTheirRealText(_ text: String) {
        #expect(RetryDecision.refusal(in: .errorText(text)) == text)
    }

    @Test(arguments: [
        "BUSYKEY Target key name already exists.",
        "BUSYGROUP Consumer Group name already exists",
        "WRONGTYPE Operation against a key holding the wrong kind of value",
        "ERR unknown command 'FOO', with args beginning with: ",
        "NOSCRIPT No matching script. Please use EVAL.",
        "READONLY You can't write against a read only replica.",
        "OOM command not allowed when used memory > 'maxmemory'.",
        "loading lower case is not the code",
        "",
    ])
    func otherErrorsAreNotRefusals(_ text: String) {
        #expect(RetryDecision.refusal(in: .errorText(text)) == nil)
    }

    @Test func repliesThatAreNotErrorsAreNotRefusals() {
        #expect(RetryDecision.refusal(in: .simple("LOADING")) == nil)
        #expect(RetryDecision.refusal(in: .bulk("BUSY now")) == nil)
        #expect(RetryDecision.refusal(in: .array([.errorText("LOADING x")])) == nil)
        #expect(RetryDecision.refusal(in: .null) == nil)
    }

    @Test func outcomeUnknownSaysSoFirstAndGivesTheCauseAndAHint() {
        let timeout = ConsoleError(.timeout, "no reply from db:6380 within 5 s; the connection was closed", cause: "poll")
        let error = CommandOutcome.outcomeUnknown.error(for: .afterSend(timeout), retries: 0)
        #expect(error.kind == .timeout)
        #expect(error.message == "outcome unknown: the command may have run on the server: no reply from db:6380 within 5 s; the connection was closed")
        #expect(error.hint?.contains("before running it again") == true)
        #expect(error.cause == "poll")
    }

    @Test func notExecutedKeepsTheCauseAndCountsTheRetries() {
        let refused = CommandOutcome.notExecuted.error(for: .refused("LOADING Redis is loading the dataset in memory"), retries: 3)
        #expect(refused.kind == .server)
        #expect(refused.message == "not executed: the server refused it without running it: LOADING Redis is loading the dataset in memory (gave up after 3 retries)")

        let tls = ConsoleError(.tls, "certificate verify failed", hint: "pass --cacert", cause: "X509")
        #expect(CommandOutcome.notExecuted.error(for: .notSent(tls), retries: 0)
            == ConsoleError(.tls, "not executed: certificate verify failed", hint: "pass --cacert", cause: "X509"))

        let read = CommandOutcome.notExecuted.error(for: .afterSend(ConsoleError(.io, "connection reset")), retries: 1)
        #expect(read.message == "not executed: connection reset (gave up after 1 retry)")
        #expect(read.hint?.contains("only reads") == true)
    }
}
