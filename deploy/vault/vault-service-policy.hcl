# Vault policy of vault-service: the Transit operations it performs on the suite's keys and nothing else.
#
# Rendered by setup-vault.sh from the Transit mount and the logical key names (chart values vault.transit.*), here
# mount "transit" and keys phi, phi-blind-index, phi-audit-hmac, evidence-checkpoint: re-render it with
# "setup-vault.sh --print-policy" and the same names instead of editing it. vault-service keeps one key per tenant
# and purpose, named <logical name>.<tenant> (phi.acme, phi-blind-index.acme, ...), and creates a tenant's
# keys on first use. Use a Transit mount dedicated to the suite: key management below is granted per mount.
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

# The audit key wraps each tenant's secret for the HMAC references of the PHI access records.
path "transit/encrypt/phi-audit-hmac.*" {
  capabilities = ["update"]
}
path "transit/decrypt/phi-audit-hmac.*" {
  capabilities = ["update"]
}
path "transit/rewrap/phi-audit-hmac.*" {
  capabilities = ["update"]
}

# Blind indexes of searchable PHI fields (hmac/<key>, algorithm sha2-256 in the body).
path "transit/hmac/phi-blind-index.*" {
  capabilities = ["update"]
}

# Ed25519 signatures of evidence ledger checkpoints (verified offline with the published public key, which is read
# from keys/<key>: no export is needed).
path "transit/sign/evidence-checkpoint.*" {
  capabilities = ["update"]
}

# Keys: create a tenant's key on first use, read its versions and public key, rotate it, and set its minimum
# decryption version and rotation period. "+" is one path segment, so keys/<name>/trim, export/ and backup/ stay out
# of reach, and no capability here deletes a key.
path "transit/keys/+" {
  capabilities = ["create", "read", "update"]
}
path "transit/keys/+/rotate" {
  capabilities = ["update"]
}
path "transit/keys/+/config" {
  capabilities = ["update"]
}
# The blind index key is created and read, never rotated or reconfigured: a new version would make every stored index
# unfindable. This glob is more specific than the "+" rules above, so it decides for keys/phi-blind-index.*/rotate too.
path "transit/keys/phi-blind-index.*" {
  capabilities = ["create", "read"]
}

# The service renews and inspects its own token obtained through the Kubernetes auth method.
path "auth/token/renew-self" {
  capabilities = ["update"]
}
path "auth/token/lookup-self" {
  capabilities = ["read"]
}
