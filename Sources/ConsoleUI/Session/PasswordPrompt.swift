import Glibc

/// `--askpass`: reads a password from the terminal with echo off, as redis-cli's masked prompt
/// does. Reads /dev/tty so a pipe on stdin still carries commands.
public enum PasswordPrompt {
    public static let prompt = "Please input password: "

    public static func read() -> String? {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var saved = termios()
        let isTerminal = tcgetattr(fd, &saved) == 0
        if isTerminal {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(fd, TCSAFLUSH, &quiet)
        }
        defer { if isTerminal { tcsetattr(fd, TCSAFLUSH, &saved) } }
        _ = prompt.withCString { Glibc.write(fd, $0, strlen($0)) }

        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(fd, &byte, 1) == 1, byte != 0x0a, byte != 0x0d { bytes.append(byte) }
        _ = Glibc.write(fd, "\n", 1)
        return String(decoding: bytes, as: UTF8.self)
    }
}
