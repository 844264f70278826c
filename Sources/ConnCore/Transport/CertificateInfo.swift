import COpenSSL
import Glibc

/// What a certificate says, read once from OpenSSL so the rest of the product never touches X509.
public struct CertificateInfo: Sendable, Equatable {
    public enum ExpiryLevel: String, Sendable, Equatable {
        case ok, warning, critical, expired
    }

    public var subject: String
    public var issuer: String
    /// `DNS:name` and `IP:address` entries, in the certificate's order.
    public var subjectAlternativeNames: [String]
    public var serialHex: String
    /// Seconds since 1970, UTC.
    public var notBefore: Int64
    public var notAfter: Int64

    public init(subject: String, issuer: String, subjectAlternativeNames: [String], serialHex: String,
                notBefore: Int64, notAfter: Int64) {
        self.subject = subject
        self.issuer = issuer
        self.subjectAlternativeNames = subjectAlternativeNames
        self.serialHex = serialHex
        self.notBefore = notBefore
        self.notAfter = notAfter
    }

    /// Whole days until expiry, negative once expired (floor, so 0.5 days left is 0).
    public func daysLeft(now: Int64) -> Int {
        let seconds = notAfter - now
        return Int((Double(seconds) / 86_400).rounded(.down))
    }

    /// ok above 30 days; warning at 30 days or less; critical at 7 days or less; expired once
    /// past notAfter (or before notBefore). (The issue's thresholds; DESIGN's extra "third of
    /// the lifetime" rule is not applied, so short-lived certificates warn the same way.)
    /// `--doctor` passes its own thresholds (`--cert-warn-days`, `--cert-crit-days`).
    public func expiryLevel(now: Int64, warningDays: Int = 30, criticalDays: Int = 7) -> ExpiryLevel {
        if now >= notAfter || now < notBefore { return .expired }
        let left = notAfter - now
        if left <= Int64(criticalDays) * 86_400 { return .critical }
        if left <= Int64(warningDays) * 86_400 { return .warning }
        return .ok
    }

    public var isSelfSigned: Bool { subject == issuer }

    /// Reads a certificate; the caller keeps ownership of `x509`.
    public init(x509: OpaquePointer) {
        subject = Self.name(X509_get_subject_name(x509))
        issuer = Self.name(X509_get_issuer_name(x509))
        subjectAlternativeNames = Self.alternativeNames(x509)
        serialHex = Self.serial(x509)
        notBefore = Self.seconds(X509_get0_notBefore(x509))
        notAfter = Self.seconds(X509_get0_notAfter(x509))
    }

    /// Reads every certificate of a PEM file (a CA bundle, a client certificate).
    public static func load(pemFile path: String) -> [CertificateInfo]? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var certificates: [CertificateInfo] = []
        while let x509 = PEM_read_X509(file, nil, nil, nil) {
            certificates.append(CertificateInfo(x509: x509))
            X509_free(x509)
        }
        ERR_clear_error()  // the loop ends on a "no start line" error
        return certificates
    }

    private static func name(_ name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        X509_NAME_print_ex(bio, name, 0, rc_XN_FLAG_RFC2253())
        return readAll(bio)
    }

    private static func serial(_ x509: OpaquePointer) -> String {
        guard let bignum = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x509), nil) else { return "" }
        defer { BN_free(bignum) }
        guard let hex = BN_bn2hex(bignum) else { return "" }
        defer { CRYPTO_free(hex, #fileID, #line) }
        return String(cString: hex)
    }

    private static func seconds(_ time: UnsafePointer<ASN1_TIME>?) -> Int64 {
        guard let time else { return 0 }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return 0 }
        return Int64(timegm(&parts))
    }

    private static func alternativeNames(_ x509: OpaquePointer) -> [String] {
        guard let raw = X509_get_ext_d2i(x509, NID_subject_alt_name, nil, nil) else { return [] }
        let names = OpaquePointer(raw)
        defer { rc_GENERAL_NAMES_free(names) }
        var result: [String] = []
        for index in 0..<rc_sk_GENERAL_NAME_num(names) {
            guard let entry = rc_sk_GENERAL_NAME_value(names, index) else { continue }
            switch entry.pointee.type {
            case GEN_DNS:
                if let text = asn1Bytes(entry.pointee.d.dNSName) {
                    result.append("DNS:" + String(decoding: text, as: UTF8.self))
                }
            case GEN_IPADD:
                if let bytes = asn1Bytes(entry.pointee.d.iPAddress), let text = ipText(bytes) {
                    result.append("IP:" + text)
                }
            default:
                continue
            }
        }
        return result
    }

    private static func asn1Bytes(_ string: UnsafeMutablePointer<ASN1_STRING>?) -> [UInt8]? {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return nil }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
    }

    private static func ipText(_ bytes: [UInt8]) -> String? {
        let family: Int32
        switch bytes.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(family, bytes, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        return String(cBuffer: buffer)
    }

    static func readAll(_ bio: OpaquePointer) -> String {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 512)
        while true {
            let count = BIO_read(bio, &chunk, Int32(chunk.count))
            if count <= 0 { break }
            result.append(contentsOf: chunk[0..<Int(count)])
        }
        return String(decoding: result, as: UTF8.self)
    }
}
