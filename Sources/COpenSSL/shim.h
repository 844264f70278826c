#ifndef REDIS_CONSOLE_COPENSSL_SHIM_H
#define REDIS_CONSOLE_COPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/bio.h>
#include <openssl/pem.h>

// OpenSSL's function-like macros (SSL_CTX_ctrl wrappers) are invisible to Swift.
static inline int rc_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}
static inline long rc_SSL_CTX_set_options(SSL_CTX *ctx, unsigned long options) {
    return (long)SSL_CTX_set_options(ctx, options);
}
static inline int rc_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}
static inline long rc_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_session_cache_mode(ctx, mode);
}
static inline int rc_sk_X509_num(const STACK_OF(X509) *sk) { return sk_X509_num(sk); }
static inline X509 *rc_sk_X509_value(const STACK_OF(X509) *sk, int i) { return sk_X509_value(sk, i); }
static inline int rc_sk_GENERAL_NAME_num(const GENERAL_NAMES *sk) { return sk_GENERAL_NAME_num(sk); }
static inline GENERAL_NAME *rc_sk_GENERAL_NAME_value(const GENERAL_NAMES *sk, int i) {
    return sk_GENERAL_NAME_value(sk, i);
}
static inline void rc_GENERAL_NAMES_free(GENERAL_NAMES *names) { GENERAL_NAMES_free(names); }
static inline unsigned long rc_SSL_OP_NO_COMPRESSION(void) { return SSL_OP_NO_COMPRESSION; }
static inline unsigned long rc_SSL_OP_NO_RENEGOTIATION(void) { return SSL_OP_NO_RENEGOTIATION; }
static inline unsigned long rc_SSL_OP_NO_TICKET(void) { return SSL_OP_NO_TICKET; }
static inline unsigned long rc_XN_FLAG_RFC2253(void) { return XN_FLAG_RFC2253; }

// Called by OpenSSL only when the server asks for a client certificate and none is
// configured. It notes the request in the SSL's app data (ex_data index 0) and sends no
// certificate, so a failure that follows can be explained as "mutual TLS required".
static inline int rc_note_client_cert_request(SSL *ssl, X509 **x509, EVP_PKEY **pkey) {
    (void)x509; (void)pkey;
    SSL_set_ex_data(ssl, 0, (void *)1);
    return 0;
}
static inline void rc_SSL_CTX_note_client_cert_requests(SSL_CTX *ctx) {
    SSL_CTX_set_client_cert_cb(ctx, rc_note_client_cert_request);
}
static inline int rc_SSL_client_cert_was_requested(const SSL *ssl) {
    return SSL_get_ex_data(ssl, 0) != NULL;
}
#endif
