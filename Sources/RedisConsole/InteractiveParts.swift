import ConnCore
import ConsoleUI
import Glibc

/// What both interactive consoles start with: the connection (pool, prober), a first connect,
/// the history file, the command docs, and the lines to tell the user before the first prompt.
struct InteractiveParts {
    let connection: ReplConnection
    let connected: Bool
    let options: Repl.Options
    let history: [String]
    let docs: ReplCommandDocs
    /// Certificate expiry, history file and connect problems, as lines for the user.
    let notes: [String]
    let reconnect: (ConnectionSettings) throws(ConsoleError) -> ReplConnection

    init(_ loaded: LoadedConfiguration, environment: [String: String], events: EventLog,
         probeInterval: Double?) throws(ConsoleError) {
        let reconnect = { (settings: ConnectionSettings) throws(ConsoleError) -> ReplConnection in
            try ReplConnection(settings: settings, pool: loaded.pool, retry: loaded.retry, events: events,
                               probeInterval: probeInterval)
        }
        self.reconnect = reconnect
        connection = try reconnect(loaded.connection)
        connection.start()
        var notes: [String] = []
        // As redis-cli: a server that cannot be reached leaves a `not connected> ` prompt.
        do {
            let tls = try connection.session.connect()
            notes += TLSReport.expiryWarnings(tls, now: Int64(time(nil)))
            connected = true
        } catch {
            connected = false
            notes.append("Error: \(error.description)")
        }
        var options = Repl.Options(configuration: loaded)
        options.readOnly = loaded.options.readOnly
        options.demoServerSupervised = environment["REDISCONSOLE_DEMO_SERVER"] == "supervised"
        var history: [String] = []
        if let path = HistoryLocation.resolve(environment: environment).path {
            let file = HistoryFile(path: path)
            let previous = file.load()
            notes += previous.warnings.map { "Warning: \($0.description)" }
            history = previous.entries.map { String(decoding: $0, as: UTF8.self) }
            options.historyFile = file
        }
        self.options = options
        self.history = history
        self.notes = notes
        docs = ReplCommandDocs()
        docs.learn(from: connection.client.factory)
    }
}
