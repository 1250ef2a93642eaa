{{/*
Environment of a service (names fixed for the whole suite), rendered as ConfigMap data. Secrets are referenced by the
Deployment, never written here. Argument: dict root, service.
*/}}
{{- define "cs.configData" -}}
{{- $root := .root -}}
{{- $s := .service -}}
{{- $v := index $root.Values $s.key -}}
{{- $db := $v.database -}}
PORT: {{ $s.port | quote }}
DB_URL: {{ printf "jdbc:postgresql://%s:%d/%s%s" $db.host (int $db.port) $db.name (ternary (printf "?%s" $db.jdbcParameters) "" (ne $db.jdbcParameters "")) | quote }}
JWT_ISSUER: {{ $root.Values.jwt.issuer | quote }}
JWT_AUDIENCE: {{ $root.Values.jwt.audience | quote }}
JWT_PUBLIC_KEY_LOCATION: {{ $root.Values.jwt.publicKeyLocation | quote }}
LOG_JSON: {{ $root.Values.logJson | quote }}
MAX_BODY_SIZE: {{ $v.maxBodySize | quote }}
{{- if has $s.name (list "evidence-service" "reporting-service") }}
{{- /* Only the two services that call others have REST clients to time out. */}}
UPSTREAM_CONNECT_TIMEOUT_MS: {{ $root.Values.upstream.connectTimeoutMs | quote }}
UPSTREAM_READ_TIMEOUT_MS: {{ $root.Values.upstream.readTimeoutMs | quote }}
CATALOG_URL: "http://catalog-service:8081"
VAULT_SERVICE_URL: "http://vault-service:8083"
{{- end }}
{{- if eq $s.name "reporting-service" }}
EVIDENCE_URL: "http://evidence-service:8082"
{{- end }}
{{- if eq $s.name "evidence-service" }}
EVIDENCE_MAX_FILE_SIZE: {{ $v.maxFileSize | quote }}
CHECKPOINT_SIGNER: {{ $v.checkpointSigner | quote }}
{{- if eq $v.checkpointSigner "config" }}
CHECKPOINT_PRIVATE_KEY_LOCATION: "/etc/checkpoint-key/private.pem"
CHECKPOINT_PUBLIC_KEY_LOCATION: "/etc/checkpoint-key/public.pem"
{{- end }}
{{- with $v.monitorTlsEndpoints }}
MONITOR_TLS_ENDPOINTS: {{ join "," . | quote }}
{{- end }}
{{- if $v.tlsMonitorTruststore.existingSecret }}
MONITOR_TLS_TRUSTSTORE: "/etc/tls-monitor/truststore.p12"
{{- end }}
{{- if include "cs.serviceTokenFile" $root }}
SERVICE_TOKEN_FILE: "/etc/service-token/token"
{{- end }}
{{- end }}
{{- if eq $s.name "vault-service" }}
KEY_PROVIDER: {{ $v.keyProvider | quote }}
KEY_MODE: {{ $v.keyMode | quote }}
LOCAL_KEY_PROVIDER_ALLOWED: {{ $v.localKeyProviderAllowed | quote }}
{{- if eq $v.keyProvider "vault" }}
{{- $vault := $root.Values.vault }}
VAULT_ADDR: {{ $vault.address | quote }}
VAULT_AUTH: {{ $vault.auth | quote }}
{{- if eq $vault.auth "kubernetes" }}
VAULT_KUBERNETES_ROLE: {{ $vault.kubernetes.role | quote }}
VAULT_KUBERNETES_AUTH_MOUNT: {{ $vault.kubernetes.mount | quote }}
{{- end }}
{{- if include "cs.vaultCaMounted" $root }}
VAULT_TLS_CA_PATH: "/etc/vault-tls/ca.crt"
{{- end }}
{{- end }}
{{- $transit := $root.Values.vault.transit }}
VAULT_TRANSIT_MOUNT: {{ $transit.mount | quote }}
PHI_KEY_NAME: {{ $transit.phiKey | quote }}
BLIND_INDEX_KEY_NAME: {{ $transit.blindIndexKey | quote }}
AUDIT_HMAC_KEY_NAME: {{ $transit.auditHmacKey | quote }}
SIGNING_KEY_NAME: {{ $transit.signingKey | quote }}
{{- with $v.trustedProxies }}
TRUSTED_PROXIES: {{ join "," . | quote }}
{{- end }}
AUDIT_RETENTION_YEARS: {{ $v.auditRetentionYears | quote }}
{{- with $v.breakGlassRole }}
BREAK_GLASS_ROLE: {{ . | quote }}
{{- end }}
{{- end }}
{{- end }}
