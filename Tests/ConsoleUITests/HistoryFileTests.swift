import ConnCore
import Glibc
import Testing
@testable import ConsoleUI

/// The history file on a real file system, in a fresh folder per test.
struct HistoryFileTests {
    @Test func roundTripsEveryByteWithEscaping() throws {
        try withFolder { folder in
            let file = HistoryFile(path: folder + "/history")
            let entries: [[UInt8]] = [
                Array("GET key".utf8),
                Array("SET k \"a\\nb\"".utf8),  // a typed backslash-n: two bytes, not a line feed
                Array("line\nfeed\rreturn\\backslash".utf8),
                Array("\\".utf8),
                Array("trailing\\".utf8),
                [0xff, 0xfe, 0x00, 0x41],
                Array("redis-console history v1".utf8),  // the header text as an entry
                Array("ünïcødé ✓".utf8),
            ]
            try file.save(entries)
            let loaded = file.load()
            #expect(loaded.entries == entries)
            #expect(loaded.warnings.isEmpty)
            let text = try #require(contents(of: folder + "/history"))
            #expect(text.starts(with: Array("redis-console history v1\nGET key\nSET k \"a\\\\nb\"\n".utf8)))
            #expect(text.split(separator: 0x0a).contains { $0.elementsEqual("line\\nfeed\\rreturn\\\\backslash".utf8) })
        }
    }

    @Test func isCreatedPrivateInAPrivateFolder() throws {
        try withFolder { folder in
            let path = folder + "/state/redis-console/history"
            try HistoryFile(path: path).save([Array("PING".utf8)])
            #expect(mode(path) == 0o600)
            #expect(mode(folder + "/state/redis-console") == 0o700)
            #expect(mode(folder + "/state") == 0o700)
        }
    }

    @Test func aLaxFileIsReportedAndTightenedAtTheNextSave() throws {
        try withFolder { folder in
            let path = folder + "/history"
            let file = HistoryFile(path: path)
            try file.save([Array("PING".utf8)])
            chmod(path, 0o644)
            let loaded = file.load()
            #expect(loaded.entries == [Array("PING".utf8)])
            #expect(loaded.warnings.count == 1)
            #expect(loaded.warnings.first?.kind == .configuration)
            #expect(loaded.warnings.first?.message.contains("mode 0644") == true)
            try file.append(Array("INFO".utf8))
            #expect(mode(path) == 0o600)
        }
    }

    @Test func keepsOnlyTheNewestEntries() throws {
        try withFolder { folder in
            let path = folder + "/history"
            let all = (1...1500).map { Array("GET key\($0)".utf8) }
            try HistoryFile(path: path).save(all)
            let loaded = HistoryFile(path: path).load()
            #expect(loaded.entries.count == 1000)
            #expect(loaded.entries.first == Array("GET key501".utf8))
            #expect(loaded.entries.last == Array("GET key1500".utf8))
            #expect(try #require(contents(of: path)).filter { $0 == 0x0a }.count == 1001)

            let small = HistoryFile(path: path, limit: 3)
            #expect(small.load().entries == all.suffix(3).map { $0 })
            let saved = try small.append(Array("PING".utf8))
            #expect(saved == Array(all.suffix(2)) + [Array("PING".utf8)])
            #expect(HistoryFile(path: path).load().entries == saved)
        }
    }

    @Test func appendAddsToWhatIsThereAndSkipsEmptyEntries() throws {
        try withFolder { folder in
            let file = HistoryFile(path: folder + "/history")
            try file.append(Array("GET a".utf8))
            try file.append([])
            try file.append(Array("GET b".utf8))
            #expect(file.load().entries == [Array("GET a".utf8), Array("GET b".utf8)])
        }
    }

    @Test func replacesTheFileAtomically() throws {
        try withFolder { folder in
            let path = folder + "/history"
            let file = HistoryFile(path: path)
            try file.save([Array("OLD".utf8)])
            let before = inode(path)
            // A reader that opened the old file keeps seeing it whole: the new one is renamed over it.
            let reader = open(path, O_RDONLY)
            #expect(reader >= 0)
            defer { close(reader) }
            try file.save([Array("NEW".utf8)])
            #expect(inode(path) != before)
            var buffer = [UInt8](repeating: 0, count: 100)
            let count = read(reader, &buffer, buffer.count)
            #expect(Array(buffer.prefix(max(0, count))) == Array("redis-console history v1\nOLD\n".utf8))
            #expect(file.load().entries == [Array("NEW".utf8)])
            #expect(names(in: folder) == ["history"])  // no temporary file left behind
        }
    }

    @Test func aCorruptFileGivesWhatItCan() throws {
        try withFolder { folder in
            let path = folder + "/history"
            let bytes = Array("redis-console history v1\nGET a\n\nbad \\q escape\n".utf8) + [0xff, 0x0a] + Array("cut \\".utf8)
            try writeFile(path, bytes)
            let loaded = HistoryFile(path: path).load()
            #expect(loaded.entries == [Array("GET a".utf8), Array("bad \\q escape".utf8), [0xff], Array("cut \\".utf8)])
            #expect(loaded.warnings.count == 1)
            #expect(loaded.warnings.first?.kind == .configuration)
            #expect(loaded.warnings.first?.message.contains("damaged in 2 line(s)") == true)
        }
    }

    @Test func aForeignFileIsReadButNeverOverwritten() throws {
        try withFolder { folder in
            let path = folder + "/bashrc"
            let original = Array("export A=1\nalias ll='ls -l'\n".utf8)
            try writeFile(path, original)
            let file = HistoryFile(path: path)
            let loaded = file.load()
            #expect(loaded.entries == [Array("export A=1".utf8), Array("alias ll='ls -l'".utf8)])
            #expect(loaded.warnings.first?.message.contains("not a redis-console history file") == true)
            #expect(throws: ConsoleError.self) { try file.append(Array("GET a".utf8)) }
            #expect(contents(of: path) == original)
        }
    }

    @Test func somethingThatIsNotAFileGivesAWarningNotACrash() throws {
        try withFolder { folder in
            let path = folder + "/history"
            #expect(mkdir(path, 0o700) == 0)
            let file = HistoryFile(path: path)
            let loaded = file.load()
            #expect(loaded.entries.isEmpty)
            #expect(loaded.warnings.first?.kind == .configuration)
            #expect(throws: ConsoleError.self) { try file.save([Array("GET a".utf8)]) }
        }
    }

    @Test func aMissingFileIsAnEmptyHistory() throws {
        try withFolder { folder in
            let loaded = HistoryFile(path: folder + "/none/history").load()
            #expect(loaded.entries.isEmpty)
            #expect(loaded.warnings.isEmpty)
        }
    }

    @Test func aSymlinkPlantedAtTheTemporaryPathIsRefused() throws {
        try withFolder { folder in
            let path = folder + "/history"
            let victim = folder + "/victim"
            try writeFile(victim, Array("precious\n".utf8))
            let file = HistoryFile(path: path)
            try file.save([Array("GET a".utf8)])
            #expect(symlink(victim, file.temporaryPath) == 0)

            var thrown: ConsoleError?
            do throws(ConsoleError) { try file.append(Array("AUTH-FREE LINE".utf8)) } catch { thrown = error }
            #expect(thrown?.kind == .configuration)
            #expect(thrown?.message.contains("temporary path") == true)
            #expect(contents(of: victim) == Array("precious\n".utf8))  // nothing written through the link
            #expect(file.load().entries == [Array("GET a".utf8)])  // the history is unchanged
            var info = stat()
            #expect(lstat(file.temporaryPath, &info) == 0 && info.st_mode & mode_t(S_IFMT) == mode_t(S_IFLNK))
        }
    }

    @Test func aDanglingSymlinkAtTheTemporaryPathIsRefusedToo() throws {
        try withFolder { folder in
            let file = HistoryFile(path: folder + "/history")
            #expect(symlink(folder + "/would-be-created", file.temporaryPath) == 0)
            #expect(throws: ConsoleError.self) { try file.save([Array("GET a".utf8)]) }
            var info = stat()
            #expect(stat(folder + "/would-be-created", &info) != 0)
        }
    }
}

// MARK: file-system helpers

private func withFolder(_ body: (String) throws -> Void) throws {
    var template = Array("/tmp/redis-console-history-XXXXXX".utf8CString)
    let folder = try template.withUnsafeMutableBufferPointer { buffer throws -> String in
        guard let created = mkdtemp(buffer.baseAddress!) else { throw ConsoleError(.io, "mkdtemp failed") }
        return String(cString: created)
    }
    defer { remove(tree: folder) }
    try body(folder)
}

private func remove(tree path: String) {
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    if info.st_mode & mode_t(S_IFMT) == mode_t(S_IFDIR) {
        for name in names(in: path) { remove(tree: path + "/" + name) }
        rmdir(path)
    } else {
        unlink(path)
    }
}

private func names(in folder: String) -> [String] {
    guard let directory = opendir(folder) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name != ".", name != ".." { names.append(name) }
    }
    return names.sorted()
}

private func mode(_ path: String) -> mode_t {
    var info = stat()
    guard stat(path, &info) == 0 else { return 0 }
    return info.st_mode & 0o7777
}

private func inode(_ path: String) -> ino_t {
    var info = stat()
    guard stat(path, &info) == 0 else { return 0 }
    return info.st_ino
}

private func contents(of path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = read(fd, &chunk, chunk.count)
        guard count > 0 else { break }
        bytes += chunk[..<count]
    }
    return bytes
}

private func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { throw ConsoleError(.io, "cannot create \(path)") }
    defer { close(fd) }
    guard bytes.withUnsafeBytes({ Glibc.write(fd, $0.baseAddress, $0.count) }) == bytes.count else {
        throw ConsoleError(.io, "cannot write \(path)")
    }
}
