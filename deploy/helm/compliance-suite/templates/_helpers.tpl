{{/*
The four services of the suite: object name, values key and HTTP port (the container port equals the service port).
Object names are fixed because the services find each other by them (CATALOG_URL, ...): one release per namespace.
*/}}
{{- define "cs.services" -}}
- {name: catalog-service, key: catalogService, port: 8081}
- {name: evidence-service, key: evidenceService, port: 8082}
- {name: vault-service, key: vaultService, port: 8083}
- {name: reporting-service, key: reportingService, port: 8084}
{{- end }}

{{- define "cs.port" -}}
{{- $ports := dict "catalog-service" 8081 "evidence-service" 8082 "vault-service" 8083 "reporting-service" 8084 -}}
{{- index $ports . -}}
{{- end }}

{{/* Labels selecting one service's pods. Argument: dict root, name. */}}
{{- define "cs.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{/* Labels of every object of one service. Argument: dict root, name. */}}
{{- define "cs.labels" -}}
{{ include "cs.selectorLabels" . }}
app.kubernetes.io/part-of: compliance-suite
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* Image reference of a service. Argument: dict root, values. Native images carry the "-native" tag suffix. */}}
{{- define "cs.image" -}}
{{- $tag := .values.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- if eq .values.image.flavor "native" }}{{ $tag = printf "%s-native" $tag }}{{ end -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .values.image.repository $tag -}}
{{- end }}

{{/* Vault Kubernetes auth reads the pod's ServiceAccount token; no other pod of the suite gets one. */}}
{{- define "cs.usesServiceAccountToken" -}}
{{- if and (eq .name "vault-service") (eq .root.Values.vaultService.keyProvider "vault") (eq .root.Values.vault.auth "kubernetes") -}}
true
{{- else -}}
false
{{- end -}}
{{- end }}

{{- define "cs.vaultCaMounted" -}}
{{- $tls := .Values.vault.tls -}}
{{- if and $tls.caConfigMap $tls.caSecret -}}
{{- fail "vault.tls: set caConfigMap or caSecret, not both" -}}
{{- end -}}
{{- if and (eq .Values.vaultService.keyProvider "vault") (or $tls.caConfigMap $tls.caSecret) -}}
true
{{- end -}}
{{- end }}

{{/* Restricted Pod Security profile of a container. */}}
{{- define "cs.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Restricted Pod Security profile of a pod. Argument: the UID. */}}
{{- define "cs.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ . }}
runAsGroup: {{ . }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/*
One egress rule to peers (selectors) and CIDRs on the given ports. Without peers and CIDRs only the ports restrict
the traffic. Argument: dict peers, cidrs, ports (list of ints), protocols (list).
*/}}
{{- define "cs.egressRule" -}}
- ports:
  {{- range $port := .ports }}
  {{- range $proto := $.protocols }}
    - protocol: {{ $proto }}
      port: {{ $port }}
  {{- end }}
  {{- end }}
  {{- if or .peers .cidrs }}
  to:
    {{- with .peers }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
    {{- range .cidrs }}
    - ipBlock:
        cidr: {{ . }}
    {{- end }}
  {{- end }}
{{- end }}

{{/* Egress to another service of the suite. Argument: dict root, name. */}}
{{- define "cs.egressToService" -}}
- to:
    - podSelector:
        matchLabels:
          {{- include "cs.selectorLabels" . | nindent 10 }}
  ports:
    - protocol: TCP
      port: {{ include "cs.port" .name }}
{{- end }}

{{/* Ingress to port from pods of another service of the suite. Argument: dict root, name, port. */}}
{{- define "cs.ingressFromService" -}}
- from:
    - podSelector:
        matchLabels:
          {{- include "cs.selectorLabels" . | nindent 10 }}
  ports:
    - protocol: TCP
      port: {{ .port }}
{{- end }}

{{/*
"true" when evidence-service reads its service token from a file (SERVICE_TOKEN_FILE): a Secret key mounted as a file,
or a projected volume one of whose sources writes the path "token". Fails on a mode without its source.
*/}}
{{- define "cs.serviceTokenFile" -}}
{{- $token := .Values.evidenceService.serviceToken -}}
{{- if eq $token.from "file" -}}
{{- $_ := required "evidenceService.serviceToken.existingSecret is required with serviceToken.from=file" $token.existingSecret -}}
true
{{- else if eq $token.from "projected" -}}
{{- $paths := list -}}
{{- range $token.projectedSources -}}
{{- with .secret }}{{ range .items }}{{ $paths = append $paths .path }}{{ end }}{{ end -}}
{{- with .serviceAccountToken }}{{ $paths = append $paths .path }}{{ end -}}
{{- end -}}
{{- if not (has "token" $paths) -}}
{{- fail "evidenceService.serviceToken.projectedSources: one source must write the path \"token\" (serviceToken.from=projected)" -}}
{{- end -}}
true
{{- end -}}
{{- end }}
