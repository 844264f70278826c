/// Keeps a password out of any text we show, whatever the server put in it.
public enum Redaction {
    public static func removing(_ secret: Secret?, from text: String) -> String {
        guard let secret else { return text }
        return text.replacing(secret.reveal(), with: "***")
    }
}
