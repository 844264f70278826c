import CHiredis

/// Turns argv into the RESP bytes of one command, through hiredis's `redisFormatCommandArgv`.
public enum RESPEncoder {
    public static func encode(_ argv: [[UInt8]]) -> [UInt8] {
        let lengths = argv.map(\.count)
        // hiredis wants C pointers to each argument; keep every buffer alive while it reads them.
        let pointers = argv.map { bytes -> UnsafeMutablePointer<CChar> in
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
            bytes.withUnsafeBufferPointer { source in
                source.withMemoryRebound(to: CChar.self) { chars in
                    if let base = chars.baseAddress { buffer.initialize(from: base, count: bytes.count) }
                }
            }
            return buffer
        }
        defer { pointers.forEach { $0.deallocate() } }

        var target: UnsafeMutablePointer<CChar>?
        var argvPointers = pointers.map { UnsafePointer<CChar>?($0) }
        let length = argvPointers.withUnsafeMutableBufferPointer { argvPointer in
            lengths.withUnsafeBufferPointer { lengthPointer in
                redisFormatCommandArgv(&target, Int32(argv.count), argvPointer.baseAddress, lengthPointer.baseAddress)
            }
        }
        guard length > 0, let target else { return [] }
        defer { redisFreeCommand(target) }
        return target.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            Array(UnsafeBufferPointer(start: $0, count: Int(length)))
        }
    }

    public static func encode(_ argv: [String]) -> [UInt8] {
        encode(argv.map { Array($0.utf8) })
    }
}
