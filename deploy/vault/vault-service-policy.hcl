# Vault policy of vault-service: the Transit operations it performs on the suite's keys and nothing else.
# Written for the Transit engine mounted at "transit/" and the chart's default key names (vault.transit.* values);
# setup-vault.sh rewrites the mount when VAULT_TRANSIT_MOUNT differs. No path here can export, trim or delete a key:
# losing old key versions would make stored PHI unreadable (45 CFR 164.312(a)(2)(iv), 164.310(d)(2)(iv)).

# PHI encryption, decryption, re-wrapping to the latest key version and envelope data keys.
path "transit/encrypt/phi*" {
  capabilities = ["update"]
}
path "transit/decrypt/phi*" {
  capabilities = ["update"]
}
path "transit/rewrap/phi*" {
  capabilities = ["update"]
}
path "transit/datakey/wrapped/phi*" {
  capabilities = ["update"]
}

# Blind indexes and the PHI access audit trail's HMACs (optionally with an algorithm suffix: hmac/<key>/sha2-256).
path "transit/hmac/phi*" {
  capabilities = ["update"]
}

# Evidence ledger checkpoints: signatures and their verification (optionally with a hash algorithm suffix).
path "transit/sign/evidence-checkpoint" {
  capabilities = ["update"]
}
path "transit/sign/evidence-checkpoint/*" {
  capabilities = ["update"]
}
path "transit/verify/evidence-checkpoint" {
  capabilities = ["update"]
}
path "transit/verify/evidence-checkpoint/*" {
  capabilities = ["update"]
}

# Key metadata (versions, rotation period, public key of the signing key), rotation and rotation settings.
# Named one by one: a glob here would also match destructive sub-paths such as keys/<name>/trim.
path "transit/keys/phi" {
  capabilities = ["read"]
}
path "transit/keys/phi/rotate" {
  capabilities = ["update"]
}
path "transit/keys/phi/config" {
  capabilities = ["update"]
}
path "transit/keys/phi-blind-index" {
  capabilities = ["read"]
}
path "transit/keys/phi-blind-index/rotate" {
  capabilities = ["update"]
}
path "transit/keys/phi-blind-index/config" {
  capabilities = ["update"]
}
path "transit/keys/phi-audit-hmac" {
  capabilities = ["read"]
}
path "transit/keys/phi-audit-hmac/rotate" {
  capabilities = ["update"]
}
path "transit/keys/phi-audit-hmac/config" {
  capabilities = ["update"]
}
path "transit/keys/evidence-checkpoint" {
  capabilities = ["read"]
}
path "transit/keys/evidence-checkpoint/rotate" {
  capabilities = ["update"]
}
path "transit/keys/evidence-checkpoint/config" {
  capabilities = ["update"]
}

# The service renews and inspects its own token obtained through the Kubernetes auth method.
path "auth/token/renew-self" {
  capabilities = ["update"]
}
path "auth/token/lookup-self" {
  capabilities = ["read"]
}
