import Glibc

/// This process's TCP connections as the server lists them: the local port of every socket the
/// process holds, from /proc (Linux). `:fault kill` uses it to kill this console's connections
/// and nobody else's, even when other consoles use the same client name.
public enum OwnConnections {
    /// The inode of each `socket:[N]` among the targets of /proc/self/fd's links.
    static func socketInodes(_ linkTargets: [String]) -> Set<UInt64> {
        Set(linkTargets.compactMap { target in
            guard target.hasPrefix("socket:["), target.hasSuffix("]") else { return nil }
            return UInt64(target.dropFirst("socket:[".count).dropLast())
        })
    }

    /// Local ports of the sockets in `inodes`, from /proc/net/tcp or tcp6 text: the second
    /// column is `ADDRESS:PORT` in hex, the tenth the inode.
    static func localPorts(procNetTCP text: String, inodes: Set<UInt64>) -> Set<Int> {
        var ports: Set<Int> = []
        for line in text.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            guard columns.count > 9, let inode = UInt64(columns[9]), inodes.contains(inode),
                  let portText = columns[1].split(separator: ":").last, let port = Int(portText, radix: 16) else { continue }
            ports.insert(port)
        }
        return ports
    }

    /// The local ports of this process's TCP sockets now; nil when /proc cannot be read.
    public static func localPorts() -> Set<Int>? {
        guard let directory = opendir("/proc/self/fd") else { return nil }
        defer { closedir(directory) }
        var targets: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            var buffer = [CChar](repeating: 0, count: 64)
            let count = readlink("/proc/self/fd/" + name, &buffer, buffer.count - 1)
            if count > 0 { targets.append(String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)) }
        }
        let inodes = socketInodes(targets)
        var ports: Set<Int> = []
        var readAny = false
        for table in ["/proc/self/net/tcp", "/proc/self/net/tcp6"] {
            guard let text = readText(table) else { continue }
            readAny = true
            ports.formUnion(localPorts(procNetTCP: text, inodes: inodes))
        }
        return readAny ? ports : nil
    }

    private static func readText(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(fd, &chunk, chunk.count)
            guard count > 0 else { break }
            bytes += chunk.prefix(count)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
