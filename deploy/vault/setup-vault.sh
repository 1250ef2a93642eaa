#!/usr/bin/env bash
# One-time Vault setup for vault-service, run by a Vault administrator with the vault CLI on PATH and VAULT_ADDR and an
# administrator's VAULT_TOKEN in the environment. Idempotent: a re-run rewrites the policy, the auth configuration and
# the role, and leaves existing Transit keys and their versions alone.
#
#   setup-vault.sh [options]            enable Transit, create keys, write the policy, configure Kubernetes auth
#   setup-vault.sh --print-policy       print the policy for the given names and exit (no Vault needed)
#
# Names. Each flag defaults to the environment variable in brackets, and that to the chart's values.yaml; the
# variables are those the chart puts in vault-service's ConfigMap, so that both can be fed the same values:
#   --namespace NS           release namespace             [SUITE_NAMESPACE]              compliance-suite
#   --transit-mount PATH     vault.transit.mount           [VAULT_TRANSIT_MOUNT]          transit
#   --phi-key NAME           vault.transit.phiKey          [PHI_KEY_NAME]                 phi
#   --blind-index-key NAME   vault.transit.blindIndexKey   [BLIND_INDEX_KEY_NAME]         phi-blind-index
#   --audit-hmac-key NAME    vault.transit.auditHmacKey    [AUDIT_HMAC_KEY_NAME]          phi-audit-hmac
#   --signing-key NAME       vault.transit.signingKey      [SIGNING_KEY_NAME]             evidence-checkpoint
#   --auth-mount PATH        vault.kubernetes.mount        [VAULT_KUBERNETES_AUTH_MOUNT]  kubernetes
#   --role NAME              vault.kubernetes.role         [VAULT_KUBERNETES_ROLE]        compliance-suite-vault-service
#   --policy-name NAME       the Vault policy              [POLICY_NAME]                  compliance-suite-vault-service
#   --tenants "A B"          tenants whose keys are created now  [TENANTS]  none: vault-service creates on first use
#
# Where Vault runs, i.e. how it checks the ServiceAccount token that vault-service logs in with (TokenReview API):
#   --mode in-cluster         [SETUP_MODE] Vault runs as a pod of the suite's cluster (default). It calls the API server
#                             at --kubernetes-host (https://kubernetes.default.svc), trusts its pod's CA and reviews
#                             logins with its own ServiceAccount token, which needs the ClusterRole
#                             system:auth-delegator (the Vault Helm chart binds it: server.authDelegator.enabled).
#   --mode external           Vault runs outside the cluster (or in another one). Requires
#     --kubernetes-host URL     [KUBERNETES_HOST] the API server as Vault reaches it,
#     --kubernetes-ca-file F    [KUBERNETES_CA_FILE] the PEM CA of that API server, and exactly one reviewer:
#     --reviewer-jwt-file F     [TOKEN_REVIEWER_JWT_FILE] a long-lived token of a ServiceAccount bound to
#                               system:auth-delegator, stored in Vault and used for every review; or
#     --client-jwt-reviewer     [CLIENT_JWT_REVIEWER=true] no stored token: Vault (1.9 or later) reviews each login
#                               with vault-service's own JWT, which may call TokenReview only if the chart binds
#                               its ServiceAccount to system:auth-delegator
#                               (vault.kubernetes.createTokenReviewBinding=true).
#                             Both set disable_local_ca_jwt=true, so a Vault that happens to run in a pod of another
#                             cluster never reviews with its own, foreign, token and CA.
set -euo pipefail

SUITE_NAMESPACE="${SUITE_NAMESPACE:-compliance-suite}"
VAULT_TRANSIT_MOUNT="${VAULT_TRANSIT_MOUNT:-transit}"
PHI_KEY_NAME="${PHI_KEY_NAME:-phi}"
BLIND_INDEX_KEY_NAME="${BLIND_INDEX_KEY_NAME:-phi-blind-index}"
AUDIT_HMAC_KEY_NAME="${AUDIT_HMAC_KEY_NAME:-phi-audit-hmac}"
SIGNING_KEY_NAME="${SIGNING_KEY_NAME:-evidence-checkpoint}"
VAULT_KUBERNETES_AUTH_MOUNT="${VAULT_KUBERNETES_AUTH_MOUNT:-kubernetes}"
VAULT_KUBERNETES_ROLE="${VAULT_KUBERNETES_ROLE:-compliance-suite-vault-service}"
POLICY_NAME="${POLICY_NAME:-compliance-suite-vault-service}"
TENANTS="${TENANTS:-}"
SETUP_MODE="${SETUP_MODE:-in-cluster}"
KUBERNETES_HOST="${KUBERNETES_HOST:-}"
KUBERNETES_CA_FILE="${KUBERNETES_CA_FILE:-}"
TOKEN_REVIEWER_JWT_FILE="${TOKEN_REVIEWER_JWT_FILE:-}"
CLIENT_JWT_REVIEWER="${CLIENT_JWT_REVIEWER:-false}"
PRINT_POLICY=false

die() {
  echo "setup-vault.sh: $*" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --namespace) SUITE_NAMESPACE="$2"; shift 2 ;;
    --transit-mount) VAULT_TRANSIT_MOUNT="$2"; shift 2 ;;
    --phi-key) PHI_KEY_NAME="$2"; shift 2 ;;
    --blind-index-key) BLIND_INDEX_KEY_NAME="$2"; shift 2 ;;
    --audit-hmac-key) AUDIT_HMAC_KEY_NAME="$2"; shift 2 ;;
    --signing-key) SIGNING_KEY_NAME="$2"; shift 2 ;;
    --auth-mount) VAULT_KUBERNETES_AUTH_MOUNT="$2"; shift 2 ;;
    --role) VAULT_KUBERNETES_ROLE="$2"; shift 2 ;;
    --policy-name) POLICY_NAME="$2"; shift 2 ;;
    --tenants) TENANTS="$2"; shift 2 ;;
    --mode) SETUP_MODE="$2"; shift 2 ;;
    --kubernetes-host) KUBERNETES_HOST="$2"; shift 2 ;;
    --kubernetes-ca-file) KUBERNETES_CA_FILE="$2"; shift 2 ;;
    --reviewer-jwt-file) TOKEN_REVIEWER_JWT_FILE="$2"; shift 2 ;;
    --client-jwt-reviewer) CLIENT_JWT_REVIEWER=true; shift ;;
    --print-policy) PRINT_POLICY=true; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

# A logical key name becomes "<name>.<tenant>" in Vault and a glob "<name>.*" in the policy: a dot or a glob character
# in it, or two equal names, would let one purpose's rule grant another purpose's keys.
for name in "${PHI_KEY_NAME}" "${BLIND_INDEX_KEY_NAME}" "${AUDIT_HMAC_KEY_NAME}" "${SIGNING_KEY_NAME}"; do
  [[ "${name}" =~ ^[a-z0-9][a-z0-9_-]*$ ]] || die "key name '${name}' must match [a-z0-9][a-z0-9_-]*"
done
distinct="$(printf '%s\n' "${PHI_KEY_NAME}" "${BLIND_INDEX_KEY_NAME}" "${AUDIT_HMAC_KEY_NAME}" "${SIGNING_KEY_NAME}" \
  | sort -u | wc -l)"
[ "${distinct}" -eq 4 ] || die "the four key names must differ"
for mount in "${VAULT_TRANSIT_MOUNT}" "${VAULT_KUBERNETES_AUTH_MOUNT}"; do
  [[ "${mount}" =~ ^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$ ]] || die "mount '${mount}' must be a path without * + or spaces"
done

# The policy of vault-service, from the mount and key names. deploy/vault/vault-service-policy.hcl is this output for
# the defaults (VaultPolicyTest keeps the two equal).
render_policy() {
  local m="${VAULT_TRANSIT_MOUNT}" phi="${PHI_KEY_NAME}" bi="${BLIND_INDEX_KEY_NAME}"
  local audit="${AUDIT_HMAC_KEY_NAME}" sig="${SIGNING_KEY_NAME}"
  cat <<EOF
# Vault policy of vault-service: the Transit operations it performs on the suite's keys and nothing else.
#
# Rendered by setup-vault.sh from the Transit mount and the logical key names (chart values vault.transit.*), here
# mount "${m}" and keys ${phi}, ${bi}, ${audit}, ${sig}: re-render it with
# "setup-vault.sh --print-policy" and the same names instead of editing it. vault-service keeps one key per tenant
# and purpose, named <logical name>.<tenant> (${phi}.acme, ${bi}.acme, ...), and creates a tenant's
# keys on first use. Use a Transit mount dedicated to the suite: key management below is granted per mount.
#
# Nothing here can export, back up, trim or delete a key: losing key versions would make stored PHI unreadable
# (45 CFR 164.312(a)(2)(iv) encryption and decryption; 164.310(d)(2)(iv) data backup and storage).

# PHI encryption and decryption, re-wrapping to the latest key version, envelope data keys (wrapped only: the
# plaintext data key is obtained through decrypt).
path "${m}/encrypt/${phi}.*" {
  capabilities = ["update"]
}
path "${m}/decrypt/${phi}.*" {
  capabilities = ["update"]
}
path "${m}/rewrap/${phi}.*" {
  capabilities = ["update"]
}
path "${m}/datakey/wrapped/${phi}.*" {
  capabilities = ["update"]
}

# The audit key wraps each tenant's secret for the HMAC references of the PHI access records.
path "${m}/encrypt/${audit}.*" {
  capabilities = ["update"]
}
path "${m}/decrypt/${audit}.*" {
  capabilities = ["update"]
}
path "${m}/rewrap/${audit}.*" {
  capabilities = ["update"]
}

# Blind indexes of searchable PHI fields (hmac/<key>, algorithm sha2-256 in the body).
path "${m}/hmac/${bi}.*" {
  capabilities = ["update"]
}

# Ed25519 signatures of evidence ledger checkpoints (verified offline with the published public key, which is read
# from keys/<key>: no export is needed).
path "${m}/sign/${sig}.*" {
  capabilities = ["update"]
}

# Keys: create a tenant's key on first use, read its versions and public key, rotate it, and set its minimum
# decryption version and rotation period. "+" is one path segment, so keys/<name>/trim, export/ and backup/ stay out
# of reach, and no capability here deletes a key.
path "${m}/keys/+" {
  capabilities = ["create", "read", "update"]
}
path "${m}/keys/+/rotate" {
  capabilities = ["update"]
}
path "${m}/keys/+/config" {
  capabilities = ["update"]
}
# The blind index key is created and read, never rotated or reconfigured: a new version would make every stored index
# unfindable. This glob is more specific than the "+" rules above, so it decides for keys/${bi}.*/rotate too.
path "${m}/keys/${bi}.*" {
  capabilities = ["create", "read"]
}

# The service renews and inspects its own token obtained through the Kubernetes auth method.
path "auth/token/renew-self" {
  capabilities = ["update"]
}
path "auth/token/lookup-self" {
  capabilities = ["read"]
}
EOF
}

if [ "${PRINT_POLICY}" = true ]; then
  render_policy
  exit 0
fi

# Kubernetes auth configuration for the chosen mode, checked before anything is written to Vault.
auth_config=()
case "${SETUP_MODE}" in
  in-cluster)
    [ -z "${TOKEN_REVIEWER_JWT_FILE}" ] && [ "${CLIENT_JWT_REVIEWER}" = false ] \
      || die "--reviewer-jwt-file and --client-jwt-reviewer apply to --mode external only"
    auth_config=(kubernetes_host="${KUBERNETES_HOST:-https://kubernetes.default.svc}")
    if [ -n "${KUBERNETES_CA_FILE}" ]; then
      auth_config+=(kubernetes_ca_cert=@"${KUBERNETES_CA_FILE}")
    fi
    ;;
  external)
    [ -n "${KUBERNETES_HOST}" ] || die "--mode external needs --kubernetes-host"
    [ -r "${KUBERNETES_CA_FILE}" ] || die "--mode external needs a readable --kubernetes-ca-file"
    auth_config=(
      kubernetes_host="${KUBERNETES_HOST}" kubernetes_ca_cert=@"${KUBERNETES_CA_FILE}" disable_local_ca_jwt=true
    )
    if [ -n "${TOKEN_REVIEWER_JWT_FILE}" ] && [ "${CLIENT_JWT_REVIEWER}" = false ]; then
      [ -r "${TOKEN_REVIEWER_JWT_FILE}" ] || die "cannot read --reviewer-jwt-file ${TOKEN_REVIEWER_JWT_FILE}"
      # Read by the vault CLI from the file, so the token never appears in a process list.
      auth_config+=(token_reviewer_jwt=@"${TOKEN_REVIEWER_JWT_FILE}")
    elif [ -z "${TOKEN_REVIEWER_JWT_FILE}" ] && [ "${CLIENT_JWT_REVIEWER}" = true ]; then
      # An empty reviewer makes Vault review every login with the JWT it is given.
      auth_config+=(token_reviewer_jwt="")
    else
      die "--mode external needs exactly one of --reviewer-jwt-file and --client-jwt-reviewer"
    fi
    ;;
  *) die "--mode must be in-cluster or external" ;;
esac

# 1. Transit secrets engine.
if ! vault secrets list -format=json | grep -q "\"${VAULT_TRANSIT_MOUNT}/\""; then
  vault secrets enable -path="${VAULT_TRANSIT_MOUNT}" transit
fi

# 2. Keys, with the types vault-service expects. Existing keys are left alone: re-creating one would orphan every
# ciphertext written with it.
create_key() {
  local name="$1" type="$2"
  if ! vault read -format=json "${VAULT_TRANSIT_MOUNT}/keys/${name}" >/dev/null 2>&1; then
    vault write -f "${VAULT_TRANSIT_MOUNT}/keys/${name}" type="${type}"
  fi
}
for tenant in ${TENANTS}; do
  [[ "${tenant}" =~ ^[a-z0-9][a-z0-9_-]{0,62}$ ]] || die "tenant '${tenant}' must match [a-z0-9][a-z0-9_-]{0,62}"
  create_key "${PHI_KEY_NAME}.${tenant}" aes256-gcm96
  create_key "${BLIND_INDEX_KEY_NAME}.${tenant}" aes256-gcm96
  create_key "${AUDIT_HMAC_KEY_NAME}.${tenant}" aes256-gcm96
  create_key "${SIGNING_KEY_NAME}.${tenant}" ed25519
done

# 3. Policy of vault-service, for the same names.
render_policy | vault policy write "${POLICY_NAME}" -

# 4. Kubernetes auth method and the role bound to the vault-service ServiceAccount of the release's namespace.
if ! vault auth list -format=json | grep -q "\"${VAULT_KUBERNETES_AUTH_MOUNT}/\""; then
  vault auth enable -path="${VAULT_KUBERNETES_AUTH_MOUNT}" kubernetes
fi
vault write "auth/${VAULT_KUBERNETES_AUTH_MOUNT}/config" "${auth_config[@]}"
vault write "auth/${VAULT_KUBERNETES_AUTH_MOUNT}/role/${VAULT_KUBERNETES_ROLE}" \
  bound_service_account_names=vault-service \
  bound_service_account_namespaces="${SUITE_NAMESPACE}" \
  token_policies="${POLICY_NAME}" \
  token_ttl=1h \
  token_max_ttl=4h

echo "Vault is ready for vault-service in namespace ${SUITE_NAMESPACE} (${SETUP_MODE} Vault, role" \
  "${VAULT_KUBERNETES_ROLE}, transit mount ${VAULT_TRANSIT_MOUNT})."
