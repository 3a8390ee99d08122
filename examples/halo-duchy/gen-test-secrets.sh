#!/usr/bin/env bash
# Regenerates the TEST-ONLY secret files of the worker2 Duchy example with openssl:
# two throw-away root CAs (worker2 and aggregator), worker2's TLS certificate, its consent
# signaling certificate and key (DER), the roots of the trust bundle all_root_certs.pem, duchy_cert_config
# with the roots' subject key identifiers, and a Tink AES128_GCM key encryption keyset.
# The private keys end up in git: never use these files outside tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/kustomize/worker2_duchy_secret"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

for duchy in worker2 aggregator; do
  ec "$tmp/${duchy}_root.key"
  openssl req -x509 -new -key "$tmp/${duchy}_root.key" -days 3650 -sha256 \
    -subj "/O=convoy examples TEST ONLY/CN=${duchy} Duchy Root CA (test only)" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    -addext subjectKeyIdentifier=hash -out "$tmp/${duchy}_root.pem"
done
# The roots alone (certificates only); convoy concatenates them into the all_root_certs.pem key
# (spec.secrets bundle), the guide's `cat *_root.pem > all_root_certs.pem`.
cp "$tmp/worker2_root.pem" worker2_root.pem
cp "$tmp/aggregator_root.pem" aggregator_root.pem
rm -f all_root_certs.pem

leaf() { # name, subject CN, extensions
  ec "$tmp/$1.key"
  openssl req -new -key "$tmp/$1.key" -subj "/O=convoy examples TEST ONLY/CN=$2" -out "$tmp/$1.csr"
  printf '%s\n' "$3" > "$tmp/$1.ext"
  openssl x509 -req -in "$tmp/$1.csr" -CA "$tmp/worker2_root.pem" -CAkey "$tmp/worker2_root.key" \
    -CAcreateserial -days 3650 -sha256 -extfile "$tmp/$1.ext" -out "$tmp/$1.pem" 2>/dev/null
}
# The Duchy servers use cert host "localhost" (--*-cert-host=localhost).
leaf worker2_tls "worker2 Duchy TLS (test only)" "subjectAltName=DNS:localhost,DNS:*.halo.svc.cluster.local
extendedKeyUsage=serverAuth,clientAuth
authorityKeyIdentifier=keyid"
cp "$tmp/worker2_tls.pem" worker2_tls.pem
openssl pkcs8 -topk8 -nocrypt -in "$tmp/worker2_tls.key" -out worker2_tls.key
leaf worker2_cs "worker2 Duchy consent signaling (test only)" "keyUsage=critical,digitalSignature
authorityKeyIdentifier=keyid"
openssl x509 -in "$tmp/worker2_cs.pem" -outform DER -out worker2_cs_cert.der
openssl pkcs8 -topk8 -nocrypt -in "$tmp/worker2_cs.key" -outform DER -out worker2_cs_private.der

skid() { # the subject key identifier as a textproto bytes literal
  openssl x509 -in "$1" -noout -ext subjectKeyIdentifier | tail -1 | tr -d ' ' | tr ':' '\n' \
    | awk '{printf "\\x%s", $0}'
}
cat > duchy_cert_config.textproto <<CONF
# proto-file: src/main/proto/wfa/measurement/config/duchy_cert_config.proto
# proto-message: DuchyCertConfig
# TEST ONLY: the subject key identifiers of the throw-away roots in all_root_certs.pem.
duchies {
  duchy_id: "aggregator"
  computation_control_service_cert_host: "localhost"
  root_certificate_skid: "$(skid "$tmp/aggregator_root.pem")"
}
duchies {
  duchy_id: "worker2"
  computation_control_service_cert_host: "localhost"
  root_certificate_skid: "$(skid "$tmp/worker2_root.pem")"
}
CONF

# A Tink binary keyset (google.crypto.tink.Keyset) holding one ENABLED AES128_GCM key with
# output prefix TINK, as `tinkey create-keyset --key-template AES128_GCM --out-format binary` makes.
python3 - <<'PY'
import os, struct
def varint(n):
    out = b''
    while True:
        b = n & 0x7f; n >>= 7
        out += bytes([b | (0x80 if n else 0)])
        if not n: return out
def field(num, wire, payload):
    key = varint(num << 3 | wire)
    return key + (varint(payload) if wire == 0 else varint(len(payload)) + payload)
key_id = struct.unpack('>I', os.urandom(4))[0] & 0x7fffffff
aes_gcm_key = field(1, 0, 0) + field(3, 2, os.urandom(16))          # AesGcmKey{version, key_value}
key_data = (field(1, 2, b'type.googleapis.com/google.crypto.tink.AesGcmKey')
            + field(2, 2, aes_gcm_key) + field(3, 0, 1))            # KeyData{type_url, value, SYMMETRIC}
key = field(1, 2, key_data) + field(2, 0, 1) + field(3, 0, key_id) + field(4, 0, 1)  # ENABLED, TINK
open('worker2_kek.tink', 'wb').write(field(1, 0, key_id) + field(2, 2, key))
PY
echo "wrote $(ls | tr '\n' ' ')"
