/// `--eval FILE key1 key2 , arg1 arg2`: redis-cli's `evalMode` argv. The words before the first
/// lone `,` are keys, the rest arguments; `EVAL <script> <number of keys> keys... args...`.
public enum EvalCommand {
    public static func argv(script: [UInt8], words: [[UInt8]]) -> [[UInt8]] {
        var keys: [[UInt8]] = []
        var arguments: [[UInt8]] = []
        var gotComma = false
        for word in words {
            if !gotComma, word == [UInt8(ascii: ",")] {
                gotComma = true
                continue
            }
            if gotComma { arguments.append(word) } else { keys.append(word) }
        }
        return [Array("EVAL".utf8), script, Array(String(keys.count).utf8)] + keys + arguments
    }
}
