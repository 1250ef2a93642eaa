#!/usr/bin/env bash
# One-time Vault setup for the compliance suite, run by a Vault administrator (VAULT_ADDR and an admin VAULT_TOKEN in
# the environment, the vault CLI on PATH). Idempotent: re-running it leaves existing keys and their versions alone.
#
# Settings (environment; defaults match the Helm chart's values.yaml):
#   SUITE_NAMESPACE        namespace the suite runs in                            (compliance-suite)
#   TRANSIT_MOUNT          vault.transit.mount                                    (transit)
#   K8S_AUTH_MOUNT         vault.kubernetes.mount                                 (kubernetes)
#   K8S_ROLE               vault.kubernetes.role                                  (compliance-suite-vault-service)
#   K8S_HOST               API server URL as Vault reaches it                     (https://kubernetes.default.svc)
#   K8S_CA_FILE            CA of that API server; empty when Vault runs in the cluster and uses its own
#   TENANTS                space-separated tenants whose keys are created now     (none: created on first use)
set -euo pipefail

SUITE_NAMESPACE="${SUITE_NAMESPACE:-compliance-suite}"
TRANSIT_MOUNT="${TRANSIT_MOUNT:-transit}"
K8S_AUTH_MOUNT="${K8S_AUTH_MOUNT:-kubernetes}"
K8S_ROLE="${K8S_ROLE:-compliance-suite-vault-service}"
K8S_HOST="${K8S_HOST:-https://kubernetes.default.svc}"
K8S_CA_FILE="${K8S_CA_FILE:-}"
POLICY_NAME="compliance-suite-vault-service"
HERE="$(cd "$(dirname "$0")" && pwd)"

# 1. Transit secrets engine.
if ! vault secrets list -format=json | grep -q "\"${TRANSIT_MOUNT}/\""; then
  vault secrets enable -path="${TRANSIT_MOUNT}" transit
fi

# 2. Keys. vault-service creates each tenant's keys on first use (<logical name>.<tenant>). Tenants listed in
# TENANTS get theirs now, with the types vault-service expects; existing keys are left alone, since re-creating one
# would orphan every ciphertext written with it.
create_key() {
  local name="$1" type="$2"
  if ! vault read -format=json "${TRANSIT_MOUNT}/keys/${name}" >/dev/null 2>&1; then
    vault write -f "${TRANSIT_MOUNT}/keys/${name}" type="${type}"
  fi
}
for tenant in ${TENANTS:-}; do
  create_key "phi.${tenant}" aes256-gcm96
  create_key "phi-blind-index.${tenant}" aes256-gcm96
  create_key "phi-audit-hmac.${tenant}" aes256-gcm96
  create_key "evidence-checkpoint.${tenant}" ed25519
done

# 3. Policy of vault-service, with the Transit mount substituted.
sed "s#^path \"transit/#path \"${TRANSIT_MOUNT}/#" "${HERE}/vault-service-policy.hcl" \
  | vault policy write "${POLICY_NAME}" -

# 4. Kubernetes auth method and the role bound to the vault-service ServiceAccount.
if ! vault auth list -format=json | grep -q "\"${K8S_AUTH_MOUNT}/\""; then
  vault auth enable -path="${K8S_AUTH_MOUNT}" kubernetes
fi
if [ -n "${K8S_CA_FILE}" ]; then
  vault write "auth/${K8S_AUTH_MOUNT}/config" kubernetes_host="${K8S_HOST}" kubernetes_ca_cert=@"${K8S_CA_FILE}"
else
  vault write "auth/${K8S_AUTH_MOUNT}/config" kubernetes_host="${K8S_HOST}"
fi
vault write "auth/${K8S_AUTH_MOUNT}/role/${K8S_ROLE}" \
  bound_service_account_names=vault-service \
  bound_service_account_namespaces="${SUITE_NAMESPACE}" \
  token_policies="${POLICY_NAME}" \
  token_ttl=1h \
  token_max_ttl=4h

echo "Vault is ready for vault-service in namespace ${SUITE_NAMESPACE} (role ${K8S_ROLE}, transit mount ${TRANSIT_MOUNT})."
