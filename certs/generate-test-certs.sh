#!/usr/bin/env bash
# generate-test-certs.sh DIR
#
# Everything the TLS tests need, in one run (EC P-256 keys: well under a second):
#   ca.crt/.key, server.crt/.key, client.crt/.key   the good set (generate-certs.sh)
#   expired.crt/.key         server cert, notAfter in the past (signed by ca)
#   notyet.crt/.key          server cert, notBefore in the future (signed by ca)
#   wronghost.crt/.key       server cert, SAN only DNS:wrong.example.com (signed by ca)
#   unknownca.crt/.key       server cert signed by other-ca (the client is not given other-ca.crt)
#   other-ca.crt/.key        that unknown CA
#   unknownca-client.crt/.key client cert signed by other-ca (a server trusting ca.crt rejects it)
#   selfsigned.crt/.key      self-signed server cert (localhost, 127.0.0.1, ::1)
#   expiring5.crt/.key       server cert, 5 days left out of a 100+ day lifetime (critical)
#   expiring20.crt/.key      server cert, 20 days left out of a 100+ day lifetime (warning)
# Every server cert except wronghost carries SAN DNS:localhost, IP:127.0.0.1, IP:::1.
# Past/future dates use `openssl ca -startdate/-enddate` with a throwaway CA database, because
# OpenSSL 3.0's `x509 -req` cannot set notBefore. Needs openssl and GNU date.
set -euo pipefail

PROG=${0##*/}
HERE=$(cd "$(dirname "$0")" && pwd)

die() { echo "$PROG: error: $*" >&2; exit 1; }

[[ $# -eq 1 && "$1" != -* ]] || { echo "Usage: $PROG DIR" >&2; exit 2; }
command -v openssl >/dev/null 2>&1 \
    || die "openssl not found on PATH; install it (Debian: apt-get install openssl)"

"$HERE/generate-certs.sh" "$1" --days 365 >/dev/null
DIR=$(cd "$1" && pwd)

WORK=$(mktemp -d "$DIR/.test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Dates as UTCTime (YYMMDDHHMMSSZ), what `openssl ca` documents.
at() { date -u -d "$1" +%y%m%d%H%M%SZ; }

cat >"$WORK/openssl.cnf" <<EOF
[ req ]
distinguished_name = dn
prompt             = no
[ dn ]
CN = placeholder

# Throwaway CA database: only \`openssl ca\` can write arbitrary notBefore/notAfter dates.
[ ca ]
default_ca = throwaway
[ throwaway ]
database        = $WORK/index.txt
new_certs_dir   = $WORK
rand_serial     = yes
default_md      = sha256
policy          = anything
unique_subject  = no
copy_extensions = none
[ anything ]
organizationName = optional
commonName       = supplied

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

[ wronghost_ext ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:wrong.example.com
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid, issuer

[ client_ext ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid, issuer

# Self-signed leaf: no CA flag, so OpenSSL reports "self-signed certificate" (error 18).
[ selfsigned_ext ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyCertSign
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier   = hash
EOF
export OPENSSL_CONF="$WORK/openssl.cnf"
: >"$WORK/index.txt"

ossl() {
    local out
    if ! out=$(openssl "$@" 2>&1); then
        echo "$out" >&2
        die "openssl $1 failed"
    fi
}

new_key() {
    ( umask 077; ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" )
    chmod 600 "$1"
}

install_pair() {
    chmod 644 "$WORK/$1.crt"
    chmod 600 "$WORK/$1.key"
    mv -f "$WORK/$1.key" "$DIR/$1.key"
    mv -f "$WORK/$1.crt" "$DIR/$1.crt"
}

# sign NAME CN EXT CA START END: key + CSR signed by DIR/CA.{crt,key}, valid START..END.
sign() {
    local name=$1 cn=$2 ext=$3 ca=$4 start=$5 end=$6
    new_key "$WORK/$name.key"
    ossl req -new -key "$WORK/$name.key" -subj "/O=redis-console/CN=$cn" -out "$WORK/$name.csr"
    ossl ca -batch -notext -cert "$DIR/$ca.crt" -keyfile "$DIR/$ca.key" \
        -startdate "$start" -enddate "$end" -extensions "$ext" \
        -in "$WORK/$name.csr" -out "$WORK/$name.crt"
    install_pair "$name"
}

NOW_MINUS_1H=$(at '-1 hour')
NEXT_YEAR=$(at '+365 days')

# The unknown CA: a perfectly good CA the client is never told about.
new_key "$WORK/other-ca.key"
ossl req -x509 -new -key "$WORK/other-ca.key" -subj "/O=elsewhere/CN=unknown test CA" \
    -days 365 -sha256 -extensions ca_ext -out "$WORK/other-ca.crt"
install_pair other-ca

sign expired    localhost         server_ext    ca "$(at '-400 days')" "$(at '-1 day')"
sign notyet     localhost         server_ext    ca "$(at '+30 days')"  "$(at '+400 days')"
sign wronghost  wrong.example.com wronghost_ext ca "$NOW_MINUS_1H"     "$NEXT_YEAR"
sign unknownca  localhost         server_ext    other-ca "$NOW_MINUS_1H" "$NEXT_YEAR"
sign unknownca-client redis-console-client client_ext other-ca "$NOW_MINUS_1H" "$NEXT_YEAR"
# Long lifetime so the "<= 1/3 of lifetime" rule agrees with the day thresholds; one extra hour
# so "days left" reads 5 / 20 for the whole test run, not 4 / 19.
sign expiring5  localhost         server_ext    ca "$(at '-100 days')" "$(at '+5 days +1 hour')"
sign expiring20 localhost         server_ext    ca "$(at '-100 days')" "$(at '+20 days +1 hour')"

new_key "$WORK/selfsigned.key"
ossl req -x509 -new -key "$WORK/selfsigned.key" -subj "/O=redis-console/CN=localhost" \
    -days 365 -sha256 -extensions selfsigned_ext -out "$WORK/selfsigned.crt"
install_pair selfsigned

echo "$PROG: test certificates written to $DIR"
