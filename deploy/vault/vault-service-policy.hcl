# Vault policy of vault-service: the Transit operations it performs on the suite's keys and nothing else.
#
# vault-service keeps one key per tenant and purpose, named <logical name>.<tenant> (phi.acme, phi-blind-index.acme,
# phi-audit-hmac.acme, evidence-checkpoint.acme), and creates a tenant's keys on first use. Written for the Transit
# engine mounted at "transit/" and the chart's default logical names (vault.transit.* values); setup-vault.sh
# rewrites the mount. Use a Transit mount dedicated to the suite: key management below is granted per mount.
#
# Nothing here can export, back up, trim or delete a key: losing key versions would make stored PHI unreadable
# (45 CFR 164.312(a)(2)(iv) encryption and decryption; 164.310(d)(2)(iv) data backup and storage).

# PHI encryption and decryption, re-wrapping to the latest key version, envelope data keys (wrapped only: the
# plaintext data key is obtained through decrypt).
path "transit/encrypt/phi.*" {
  capabilities = ["update"]
}
path "transit/decrypt/phi.*" {
  capabilities = ["update"]
}
path "transit/rewrap/phi.*" {
  capabilities = ["update"]
}
path "transit/datakey/wrapped/phi.*" {
  capabilities = ["update"]
}

# Blind indexes of searchable PHI fields and HMACs of the PHI access audit trail (hmac/<key>/sha2-256).
path "transit/hmac/phi-blind-index.*" {
  capabilities = ["update"]
}
path "transit/hmac/phi-audit-hmac.*" {
  capabilities = ["update"]
}

# Ed25519 signatures of evidence ledger checkpoints, and their verification.
path "transit/sign/evidence-checkpoint.*" {
  capabilities = ["update"]
}
path "transit/verify/evidence-checkpoint.*" {
  capabilities = ["update"]
}

# Keys: create a tenant's key on first use, read its versions and public key, rotate it, and set its minimum
# decryption version and rotation period. "+" is one path segment, so keys/<name>/trim, keys/<name> deletion,
# export/ and backup/ stay out of reach.
path "transit/keys/+" {
  capabilities = ["create", "read", "update"]
}
path "transit/keys/+/rotate" {
  capabilities = ["update"]
}
path "transit/keys/+/config" {
  capabilities = ["update"]
}

# The service renews and inspects its own token obtained through the Kubernetes auth method.
path "auth/token/renew-self" {
  capabilities = ["update"]
}
path "auth/token/lookup-self" {
  capabilities = ["read"]
}
