#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import ConnCore

@Suite("Validation and warnings")
struct ConfigurationValidationTests {
    struct FileCase: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var env: [String: String] = [:]
        var files: [String: FileStatus] = [:]
        var message: [String]
        var hint: String
        var testDescription: String { arguments.joined(separator: " ") + " \(env)" }
    }

    static let fileCases: [FileCase] = [
        FileCase(
            arguments: ["--tls", "--cacert", "/no/ca.pem"],
            message: ["CA file /no/ca.pem does not exist", "(flag --cacert)"], hint: "--cacert"),
        FileCase(
            arguments: ["--tls", "--cacert", "/ca.pem"], files: ["/ca.pem": .file(mode: 0o600, readable: false)],
            message: ["CA file /ca.pem is not readable", "(flag --cacert)"], hint: "ls -l /ca.pem"),
        FileCase(
            arguments: ["--tls", "--cacert", "/certs"], files: ["/certs": .directory()],
            message: ["CA file /certs is a directory"], hint: "--cacertdir"),
        FileCase(
            arguments: ["--tls", "--cacertdir", "/nodir"], message: ["CA directory /nodir does not exist"],
            hint: "--cacertdir"),
        FileCase(
            arguments: ["--tls", "--cacertdir", "/ca.pem"], files: ["/ca.pem": .file()],
            message: ["CA directory /ca.pem is not a directory"], hint: "--cacert /ca.pem"),
        FileCase(
            arguments: ["--tls", "--cacertdir", "/d"], files: ["/d": .directory(readable: false)],
            message: ["CA directory /d is not readable"], hint: "ls -ld /d"),
        FileCase(
            arguments: ["--tls"], env: ["REDIS_CERT_PATH": "/certs"], files: ["/certs": .directory()],
            message: ["CA file /certs/ca.crt does not exist", "(env REDIS_CERT_PATH)"], hint: "REDIS_CERT_PATH"),
        FileCase(
            arguments: ["--tls", "--cert", "/c.crt"], files: ["/c.crt": .file()],
            message: ["client certificate /c.crt (flag --cert) has no private key"], hint: "--key"),
        FileCase(
            arguments: ["--tls", "--key", "/c.key"], files: ["/c.key": .file()],
            message: ["private key /c.key (flag --key) has no client certificate"], hint: "--cert"),
        FileCase(
            arguments: ["--tls"], env: ["REDIS_CERT_PATH": "/certs"],
            files: ["/certs/ca.crt": .file(), "/certs/client.key": .file()],
            message: ["private key /certs/client.key (env REDIS_CERT_PATH) has no client certificate"], hint: "--cert"),
        FileCase(
            arguments: ["--tls", "--cert", "/c.crt", "--key", "/c.key"], files: ["/c.key": .file()],
            message: ["client certificate /c.crt does not exist"], hint: "--cert"),
        FileCase(
            arguments: ["--tls", "--cert", "/c.crt", "--key", "/c.key"], files: ["/c.crt": .file()],
            message: ["private key /c.key does not exist", "(flag --key)"], hint: "--key"),
    ]

    @Test("file problems name the path and who set it", arguments: fileCases)
    func fileErrors(_ example: FileCase) throws {
        let error = try #require(loadFailure(example.arguments, env: example.env, files: FakeFiles(entries: example.files)))
        #expect(error.kind == .configuration)
        for fragment in example.message {
            #expect(error.message.contains(fragment), "message: \(error.message)")
        }
        #expect(error.hint?.contains(example.hint) == true, "hint: \(error.hint ?? "nil")")
    }

    @Test func filesAreNotCheckedWhileTLSIsOff() throws {
        let config = try loadConfig(["--cacert", "/no/ca.pem", "--key", "/no/key"], env: ["REDIS_CERT_PATH": "/nowhere"])
        #expect(
            config.warnings == [
                "Warning: TLS is off, so --cacert, --key, REDIS_CERT_PATH are ignored; turn TLS on with --tls, "
                    + "a rediss:// URL or REDIS_SSL=true."
            ])
    }

    @Test(
        "key file permissions",
        arguments: [(UInt32(0o644), true), (0o640, true), (0o604, true), (0o600, false), (0o400, false), (0o620, false)])
    func keyPermissions(_ mode: UInt32, _ warns: Bool) throws {
        let files = FakeFiles(entries: ["/c.crt": .file(mode: 0o644), "/k.pem": .file(mode: mode)])
        let config = try loadConfig(["--tls", "--cert", "/c.crt", "--key", "/k.pem"], files: files)
        let octal = ConfigurationValidator.octal(mode)
        let expected = "Warning: key file /k.pem is readable by other users (mode \(octal)); run chmod 600 /k.pem"
        #expect(config.warnings == (warns ? [expected] : []))
    }

    @Test func octalModes() {
        #expect(ConfigurationValidator.octal(0o644) == "0644")
        #expect(ConfigurationValidator.octal(0o4755) == "4755")
        #expect(ConfigurationValidator.octal(0) == "0000")
    }

    @Test func settingsBuiltInCodeAreRangeChecked() throws {
        func failure(_ change: (inout ConnectionSettings) -> Void) -> ConsoleError? {
            var settings = ConnectionSettings()
            change(&settings)
            do {
                _ = try ConfigurationValidator.validate(settings, provenance: [:], files: FakeFiles())
                return nil
            } catch {
                return error
            }
        }
        #expect(failure { _ in } == nil)
        #expect(failure { $0.port = 0 }?.message == "port 0 (default) is out of range")
        #expect(failure { $0.port = 70000 } != nil)
        #expect(failure { $0.database = -1 }?.message.contains("is negative") == true)
        #expect(failure { $0.connectTimeout = 0 }?.message.contains("connect timeout") == true)
        #expect(failure { $0.operationTimeout = .nan }?.message.contains("operation timeout") == true)
        #expect(failure { $0.keepalive = -1 }?.message.contains("keepalive") == true)
        #expect(failure { $0.host = "" }?.message.contains("host name is empty") == true)
    }

    // MARK: - Warnings

    @Test(
        "a password on the command line gets redis-cli's warning",
        arguments: [["-a", "pw"], ["--pass", "pw"], ["-u", "redis://:pw@h"], ["-u", "redis://pw@h"],
                    ["--askpass", "-a", "pw"]])
    func commandLinePasswordWarning(_ arguments: [String]) throws {
        let config = try loadConfig(arguments)
        #expect(config.warnings.first == ConfigurationLoader.commandLinePasswordWarning)
        #expect(
            ConfigurationLoader.commandLinePasswordWarning
                == "Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.")
        let quiet = try loadConfig(["--no-auth-warning"] + arguments)
        #expect(!quiet.warnings.contains(ConfigurationLoader.commandLinePasswordWarning))
    }

    @Test(
        "no warning when the password is not on the command line",
        arguments: [
            ([String](), ["REDISCLI_AUTH": "pw"]), ([], ["REDIS_PASSWORD": "pw"]), ([], ["REDIS_URL": "redis://:pw@h"]),
            (["-u", "redis://h"], ["REDISCLI_AUTH": "pw"]), (["-a", ""], [:]),
        ])
    func noPasswordWarning(_ arguments: [String], _ env: [String: String]) throws {
        #expect(try loadConfig(arguments, env: env).warnings.isEmpty)
    }

    @Test func insecureWarnsOutsideProduction() throws {
        let config = try loadConfig(["--tls", "--insecure"])
        #expect(config.warnings.count == 1)
        #expect(config.warnings.first?.contains("--insecure turns off certificate verification") == true)
    }

    @Test func userWithoutPasswordWarns() throws {
        let config = try loadConfig(["--user", "app"])
        #expect(config.warnings.count == 1)
        #expect(config.warnings.first?.contains("user name 'app' is set (flag --user) but there is no password") == true)
        #expect(try loadConfig(["--user", "app", "--askpass"]).warnings.isEmpty)
        #expect(try loadConfig(["--user", "app"], env: ["REDISCLI_AUTH": "pw"]).warnings.isEmpty)
    }

    // MARK: - The real file checker

    @Test func systemFileCheckerReadsModes() throws {
        let checker = SystemFileChecker()
        #expect(checker.status(of: "/nonexistent/redis-console/\(Fixture.canary)") == .missing)
        let tmp = checker.status(of: "/tmp")
        #expect(tmp.kind == .directory)

        var template = Array("/tmp/redis-console-cfg-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        try #require(fd >= 0)
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer {
            close(fd)
            unlink(path)
        }
        #expect(fchmod(fd, 0o644) == 0)
        let status = checker.status(of: path)
        #expect(status.kind == .regularFile)
        #expect(status.permissions == 0o644)
        #expect(status.readable)
        #expect(fchmod(fd, 0o600) == 0)
        #expect(checker.status(of: path).permissions == 0o600)
    }
}
