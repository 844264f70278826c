import COpenSSL
import Glibc

/// One OpenSSL `SSL_CTX` built from `TLSSettings` with the product's policy: TLS 1.2 minimum,
/// the configured cipher lists, security level 2, no compression, no renegotiation, peer
/// verification on unless `--insecure`. Shared by every connection of a factory.
public final class TLSContext: @unchecked Sendable {
    // @unchecked: the SSL_CTX is configured once in init and only read afterwards
    // (SSL_new is thread-safe on a configured context).
    let context: OpaquePointer
    public let settings: TLSSettings

    public init(settings: TLSSettings) throws(ConsoleError) {
        self.settings = settings
        signal(SIGPIPE, SIG_IGN)  // the socket BIO uses write(); a closed peer must not kill us
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw ConsoleError(.tls, "OpenSSL could not create a TLS context", cause: OpenSSLErrors.drain().joined(separator: "; "))
        }
        self.context = context
        // On a throw, deinit still runs (every stored property is set) and frees the context.
        try configure()
    }

    deinit { SSL_CTX_free(context) }

    private func configure() throws(ConsoleError) {
        _ = rc_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION)
        _ = rc_SSL_CTX_set_options(context, rc_SSL_OP_NO_COMPRESSION() | rc_SSL_OP_NO_RENEGOTIATION())
        SSL_CTX_set_security_level(context, 2)
        // Client-side session cache: sessions are kept by the factory and offered on reconnect.
        _ = rc_SSL_CTX_set_session_cache_mode(context, Int(SSL_SESS_CACHE_CLIENT))

        guard SSL_CTX_set_cipher_list(context, settings.ciphers) == 1 else {
            throw ConsoleError(.configuration, "no usable TLS 1.2 cipher in '\(settings.ciphers)'",
                               hint: "fix --tls-ciphers (see `openssl ciphers -v`), or drop it to use the default list",
                               cause: OpenSSLErrors.drain().joined(separator: "; "))
        }
        guard SSL_CTX_set_ciphersuites(context, settings.ciphersuites) == 1 else {
            throw ConsoleError(.configuration, "no usable TLS 1.3 cipher suite in '\(settings.ciphersuites)'",
                               hint: "fix --tls-ciphersuites (e.g. TLS_AES_128_GCM_SHA256), or drop it to use the default",
                               cause: OpenSSLErrors.drain().joined(separator: "; "))
        }

        SSL_CTX_set_verify(context, settings.verifyPeer ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nil)
        if settings.caFile != nil || settings.caDirectory != nil {
            guard SSL_CTX_load_verify_locations(context, settings.caFile, settings.caDirectory) == 1 else {
                let what = settings.caFile.map { "CA file '\($0)'" } ?? "CA directory '\(settings.caDirectory ?? "")'"
                throw ConsoleError(.configuration, "cannot load the \(what): it holds no readable PEM certificate",
                                   hint: "point --cacert at the PEM file of the CA that signed the server's certificate",
                                   cause: OpenSSLErrors.drain().joined(separator: "; "))
            }
        } else {
            SSL_CTX_set_default_verify_paths(context)
        }

        rc_SSL_CTX_note_client_cert_requests(context)
        if let certificate = settings.certificateFile {
            guard SSL_CTX_use_certificate_chain_file(context, certificate) == 1 else {
                throw ConsoleError(.configuration, "cannot load the client certificate '\(certificate)'",
                                   hint: "--cert must name a PEM certificate (with its chain)",
                                   cause: OpenSSLErrors.drain().joined(separator: "; "))
            }
        }
        if let key = settings.keyFile {
            guard SSL_CTX_use_PrivateKey_file(context, key, SSL_FILETYPE_PEM) == 1 else {
                throw ConsoleError(.configuration, "cannot load the client key '\(key)'",
                                   hint: "--key must name an unencrypted PEM private key",
                                   cause: OpenSSLErrors.drain().joined(separator: "; "))
            }
            guard SSL_CTX_check_private_key(context) == 1 else {
                throw ConsoleError(.configuration, "the client key '\(key)' does not belong to the certificate '\(settings.certificateFile ?? "")'",
                                   hint: "pass the key that was generated with that certificate",
                                   cause: OpenSSLErrors.drain().joined(separator: "; "))
            }
        }
    }
}
