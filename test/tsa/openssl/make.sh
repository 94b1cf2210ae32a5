#!/bin/sh
# Makes the time-stamp tokens of this folder with OpenSSL's own TSA (`openssl ts -reply`), an
# implementation independent of ours and of PKI.js: an EC P-256 root CA, an RSA time-stamping
# certificate it issued (critical timeStamping EKU), and one token over data.bin with each version
# of the ESS signing-certificate attribute (ess-v1: SHA-1 ESSCertID, ess-v2: SHA-256 ESSCertIDv2).
# The keys are thrown away; ca.pem is what a verifier is given. Run from this folder: sh make.sh
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/x509.cnf" <<'CNF'
[v3_ca]
basicConstraints=critical,CA:true
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
[v3_tsa]
basicConstraints=critical,CA:false
keyUsage=critical,digitalSignature,nonRepudiation
extendedKeyUsage=critical,timeStamping
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
CNF
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ca.key" -out ca.pem \
  -days 36500 -subj "/CN=Test Root CA (openssl)" -config "$work/x509.cnf" -extensions v3_ca
openssl req -newkey rsa:2048 -nodes -keyout "$work/tsa.key" -out "$work/tsa.csr" -subj "/CN=Test TSA (openssl)"
openssl x509 -req -in "$work/tsa.csr" -CA ca.pem -CAkey "$work/ca.key" -set_serial 4660 -days 36500 \
  -extfile "$work/x509.cnf" -extensions v3_tsa -out "$work/tsa.pem"
echo 01 > "$work/serial"
printf 'manifest bytes for the openssl token test\n' > data.bin
openssl ts -query -data data.bin -sha256 -cert -out "$work/query.tsq"
for version in 1 2; do
  [ "$version" = 1 ] && alg=sha1 || alg=sha256
  cat > "$work/tsa.cnf" <<CNF
[tsa]
default_tsa=tsa_config
[tsa_config]
serial=$work/serial
crypto_device=builtin
signer_cert=$work/tsa.pem
certs=$work/tsa.pem
signer_key=$work/tsa.key
signer_digest=sha256
default_policy=1.2.3.4.1
digests=sha256
accuracy=secs:1
ordering=no
tsa_name=no
ess_cert_id_chain=no
ess_cert_id_alg=$alg
CNF
  openssl ts -reply -config "$work/tsa.cnf" -queryfile "$work/query.tsq" -out "ess-v$version.tsr"
  openssl ts -verify -in "ess-v$version.tsr" -queryfile "$work/query.tsq" -CAfile ca.pem -untrusted "$work/tsa.pem"
done
