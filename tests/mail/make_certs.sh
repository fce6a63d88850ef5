#!/usr/bin/env bash
# A throwaway certificate authority and a certificate for 127.0.0.1 / localhost signed by it (openssl), for the
# test SMTP server: Tact trusts the authority (« certificat à approuver »), as it would a local bridge's.
#   make_certs.sh DIR  →  DIR/ca.pem, DIR/server.pem, DIR/server.key
set -euo pipefail
d="$1"
mkdir -p "$d"
cd "$d"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj "/CN=Tact test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=localhost" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > ext.cnf
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 30 -extfile ext.cnf 2>/dev/null
