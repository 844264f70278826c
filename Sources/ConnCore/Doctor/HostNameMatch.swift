import Glibc

/// The host-name check explained in words, by the rules the handshake applies (RFC 6125 as
/// OpenSSL does it with this product's flags): an IP address matches only an `IP:` entry; a
/// DNS name matches a `DNS:` entry exactly (any case) or a wildcard `*.example.com` covering
/// exactly one leftmost label; no partial wildcards (`f*.example.com`) and no fallback to the
/// subject's CN. Pure: the verdict itself comes from OpenSSL, this says why.
public struct HostNameMatch: Sendable, Equatable {
    /// The name the certificate had to carry.
    public var name: String
    /// The SAN entry that matched, e.g. `IP:127.0.0.1` or `DNS:*.example.com`.
    public var matchedEntry: String?
    /// Every SAN entry presented.
    public var presented: [String]

    public var matches: Bool { matchedEntry != nil }

    public static func check(_ name: String, against names: [String]) -> HostNameMatch {
        let wanted = name.lowercased()
        let isIP = IPAddress.isLiteral(name)
        let matched = names.first { entry in
            if isIP {
                return entry.hasPrefix("IP:") && sameAddress(String(entry.dropFirst(3)), name)
            }
            guard entry.hasPrefix("DNS:") else { return false }
            return dnsMatches(pattern: String(entry.dropFirst(4)).lowercased(), name: wanted)
        }
        return HostNameMatch(name: name, matchedEntry: matched, presented: names)
    }

    /// One sentence for a person.
    public var explanation: String {
        let kind = IPAddress.isLiteral(name) ? "IP address" : "host name"
        if let matchedEntry {
            return "the \(kind) '\(name)' matches the certificate's \(matchedEntry)"
        }
        guard !presented.isEmpty else {
            return "the certificate carries no subject alternative names, so no \(kind) can match '\(name)' (the CN is never used)"
        }
        let relevant = IPAddress.isLiteral(name)
            ? " (an IP address only matches IP: entries)"
            : " (a DNS name only matches DNS: entries)"
        return "the \(kind) '\(name)' was asked for, but the certificate presents "
            + presented.joined(separator: ", ") + relevant
    }

    private static func dnsMatches(pattern: String, name: String) -> Bool {
        if pattern == name { return true }
        // "*.example.com": the star stands for exactly one whole label, the leftmost.
        guard pattern.hasPrefix("*."), !name.hasPrefix("."), let dot = name.firstIndex(of: ".") else { return false }
        let suffix = pattern.dropFirst(1)
        return suffix.contains(".") && name[dot...] == suffix && dot > name.startIndex
    }

    /// `::1` and `0:0:0:0:0:0:0:1` are the same address.
    private static func sameAddress(_ a: String, _ b: String) -> Bool {
        if a.lowercased() == b.lowercased() { return true }
        return canonical(a) != nil && canonical(a) == canonical(b)
    }

    private static func canonical(_ text: String) -> [UInt8]? {
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        return withUnsafeBytes(of: &v6) { Array($0) }
    }
}
