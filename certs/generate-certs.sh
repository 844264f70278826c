#!/usr/bin/env bash
# generate-certs.sh DIR [--days N] [--force] [--renew]
#
# Creates, in DIR, everything a TLS Redis deployment with mutual TLS needs:
#   ca.crt / ca.key           a private certificate authority (EC P-256)
#   server.crt / server.key   server certificate, SAN DNS:localhost, IP:127.0.0.1, IP:::1,
#                             extendedKeyUsage serverAuth, signed by the CA
#   client.crt / client.key   client certificate for mutual TLS, extendedKeyUsage clientAuth
#
# Idempotent: material that exists, matches its key, verifies against the CA and is valid for
# more than one more day is kept. --force regenerates everything (new CA: every client must get
# the new ca.crt); --renew re-issues server and client certificates but keeps the CA (rotation
# without redistributing the CA). Validity: --days N, or env CERT_DAYS, default 365; the CA's:
# env CA_DAYS, default 3650.
# Keys are written with mode 0600. Needs only openssl (and coreutils).
set -euo pipefail

PROG=${0##*/}

usage() {
    cat <<EOF
Usage: $PROG DIR [--days N] [--force] [--renew]

Generate a CA, a server certificate (localhost, 127.0.0.1, ::1) and a client certificate
for mutual TLS into DIR.

  --days N   validity of newly issued certificates in days (default: \$CERT_DAYS or 365)
  --force    regenerate everything, including the CA
  --renew    re-issue the server and client certificates, keep the CA
  -h, --help show this help

Existing valid material is kept, so running it twice is harmless.
EOF
}

die() { echo "$PROG: error: $*" >&2; exit 1; }
info() { echo "$PROG: $*"; }

DIR=""
DAYS="${CERT_DAYS:-365}"
# The CA outlives what it signs (renewing a leaf must not force a CA change on every client):
# CA_DAYS, default ten years.
CA_DAYS="${CA_DAYS:-3650}"
FORCE=0
RENEW=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --days)
            [[ $# -ge 2 ]] || die "--days needs a value (a number of days)"
            DAYS="$2"; shift 2 ;;
        --days=*) DAYS="${1#--days=}"; shift ;;
        --force) FORCE=1; shift ;;
        --renew) RENEW=1; shift ;;
        -h|--help) usage; exit 0 ;;
        -*) usage >&2; die "unknown option '$1'" ;;
        *)
            [[ -z "$DIR" ]] || die "only one output directory may be given (got '$DIR' and '$1')"
            DIR="$1"; shift ;;
    esac
done

[[ -n "$DIR" ]] || { usage >&2; die "missing output directory"; }
[[ "$DAYS" =~ ^[0-9]+$ ]] && (( DAYS >= 1 && DAYS <= 36500 )) \
    || die "invalid validity '$DAYS': expected a whole number of days between 1 and 36500 (--days or CERT_DAYS)"
command -v openssl >/dev/null 2>&1 \
    || die "openssl not found on PATH; install it (Debian: apt-get install openssl)"

mkdir -p "$DIR" || die "cannot create directory '$DIR'"
[[ -w "$DIR" ]] || die "directory '$DIR' is not writable"
DIR=$(cd "$DIR" && pwd)

# Scratch space inside DIR so the final `mv` is an atomic rename: an interrupted run never
# leaves a certificate next to a key it does not belong to.
WORK=$(mktemp -d "$DIR/.gen.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Our own config: independent of the system openssl.cnf and of OPENSSL_CONF.
cat >"$WORK/openssl.cnf" <<'EOF'
[ req ]
distinguished_name = dn
prompt             = no
[ dn ]
CN = placeholder

[ ca_ext ]
basicConstraints       = critical, CA:TRUE, pathlen:0
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash

[ server_ext ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid, issuer

[ client_ext ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid, issuer
EOF
export OPENSSL_CONF="$WORK/openssl.cnf"

# Runs openssl quietly; on failure shows what it said, so errors are never swallowed.
ossl() {
    local out
    if ! out=$(openssl "$@" 2>&1); then
        echo "$out" >&2
        die "openssl $1 failed"
    fi
}

new_key() { # new_key PATH: EC P-256, created 0600 from the start (umask), never world-readable
    ( umask 077; ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" )
    chmod 600 "$1"
}

serial() { echo "0x$(openssl rand -hex 16)"; }

# key_matches CRT KEY: the certificate's public key is the key's public key.
key_matches() {
    local a b
    a=$(openssl x509 -in "$1" -noout -pubkey 2>/dev/null) || return 1
    b=$(openssl pkey -in "$2" -pubout 2>/dev/null) || return 1
    [[ -n "$a" && "$a" == "$b" ]]
}

# still_good CRT KEY [verify args...]: exists, matches its key, valid for more than a day,
# and (for leaves) verifies against the CA with the expected purpose/host.
still_good() {
    local crt=$1 key=$2; shift 2
    [[ -s "$crt" && -s "$key" ]] || return 1
    key_matches "$crt" "$key" || return 1
    openssl x509 -in "$crt" -noout -checkend 86400 >/dev/null 2>&1 || return 1
    if [[ $# -gt 0 ]]; then
        openssl verify "$@" "$crt" >/dev/null 2>&1 || return 1
    fi
}

expiry() { openssl x509 -in "$1" -noout -enddate | sed 's/^notAfter=//'; }

install_pair() { # install_pair NAME: move WORK/NAME.{crt,key} into DIR atomically
    chmod 644 "$WORK/$1.crt"
    chmod 600 "$WORK/$1.key"
    mv -f "$WORK/$1.key" "$DIR/$1.key"
    mv -f "$WORK/$1.crt" "$DIR/$1.crt"
}

# issue NAME CN EXT: key + CSR, signed by DIR/ca.{crt,key} for DAYS days.
issue() {
    local name=$1 cn=$2 ext=$3
    new_key "$WORK/$name.key"
    ossl req -new -key "$WORK/$name.key" -subj "/O=redis-console/CN=$cn" -out "$WORK/$name.csr"
    ossl x509 -req -in "$WORK/$name.csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" \
        -set_serial "$(serial)" -days "$DAYS" -sha256 \
        -extfile "$OPENSSL_CONF" -extensions "$ext" -out "$WORK/$name.crt"
    install_pair "$name"
    # A leaf that outlives its CA stops verifying when the CA expires: say so, don't hide it.
    if ! openssl x509 -in "$DIR/ca.crt" -noout -checkend $((DAYS * 86400)) >/dev/null 2>&1; then
        info "warning: the CA expires ($(expiry "$DIR/ca.crt")) before $name.crt;" \
            "run with --force to create a new CA"
    fi
}

# --- CA ---------------------------------------------------------------------------------------
if [[ $FORCE -eq 0 ]] && still_good "$DIR/ca.crt" "$DIR/ca.key" -CAfile "$DIR/ca.crt"; then
    info "keeping CA          $DIR/ca.crt (expires $(expiry "$DIR/ca.crt"))"
else
    new_key "$WORK/ca.key"
    ossl req -x509 -new -key "$WORK/ca.key" -subj "/O=redis-console/CN=redis-console test CA" \
        -set_serial "$(serial)" -days "$(( CA_DAYS > DAYS ? CA_DAYS : DAYS + 1 ))" -sha256 -extensions ca_ext -out "$WORK/ca.crt"
    install_pair ca
    info "created CA          $DIR/ca.crt (expires $(expiry "$DIR/ca.crt"))"
fi

# --- server -----------------------------------------------------------------------------------
if [[ $FORCE -eq 0 && $RENEW -eq 0 ]] && still_good "$DIR/server.crt" "$DIR/server.key" \
        -CAfile "$DIR/ca.crt" -purpose sslserver -verify_hostname localhost -verify_ip 127.0.0.1; then
    info "keeping server cert $DIR/server.crt (expires $(expiry "$DIR/server.crt"))"
else
    issue server localhost server_ext
    info "created server cert $DIR/server.crt (expires $(expiry "$DIR/server.crt"))"
fi

# --- client (mutual TLS) ----------------------------------------------------------------------
if [[ $FORCE -eq 0 && $RENEW -eq 0 ]] && still_good "$DIR/client.crt" "$DIR/client.key" \
        -CAfile "$DIR/ca.crt" -purpose sslclient; then
    info "keeping client cert $DIR/client.crt (expires $(expiry "$DIR/client.crt"))"
else
    issue client redis-console-client client_ext
    info "created client cert $DIR/client.crt (expires $(expiry "$DIR/client.crt"))"
fi

# Final sanity check: what we leave behind must verify, whatever path we took.
openssl verify -CAfile "$DIR/ca.crt" -purpose sslserver -verify_hostname localhost \
    "$DIR/server.crt" >/dev/null 2>&1 || die "server.crt does not verify against ca.crt; rerun with --force"
openssl verify -CAfile "$DIR/ca.crt" -purpose sslclient \
    "$DIR/client.crt" >/dev/null 2>&1 || die "client.crt does not verify against ca.crt; rerun with --force"
