import COpenSSL

/// The OpenSSL error queue, drained into readable lines (the `cause` of a TLS ConsoleError).
enum OpenSSLErrors {
    static func drain() -> [String] {
        var lines: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            lines.append(String(cBuffer: buffer))
        }
        return lines
    }
}
