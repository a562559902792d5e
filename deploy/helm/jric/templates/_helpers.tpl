{{/* Chart name. */}}
{{- define "jric.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name (the StatefulSet and the E2/HTTP Service). */}}
{{- define "jric.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The headless Service that gives every pod a DNS name for grid discovery. */}}
{{- define "jric.headlessName" -}}
{{- printf "%s-grid" (include "jric.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "jric.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "jric.labels" -}}
helm.sh/chart: {{ include "jric.chart" . }}
{{ include "jric.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: jric
{{- end }}

{{- define "jric.selectorLabels" -}}
app.kubernetes.io/name: {{ include "jric.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: ric
{{- end }}

{{- define "jric.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "jric.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "jric.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
grid.addresses: every pod of the StatefulSet by its stable DNS name
<fullname>-<i>.<headless>.<namespace>.svc.<clusterDomain>:<discovery port>.
*/}}
{{- define "jric.gridAddresses" -}}
{{- $full := include "jric.fullname" . }}
{{- $headless := include "jric.headlessName" . }}
{{- $addrs := list }}
{{- range $i := until (int .Values.replicas) }}
{{- $addrs = append $addrs (printf "%s-%d.%s.%s.svc.%s:%d" $full $i $headless $.Release.Namespace $.Values.clusterDomain (int $.Values.ports.gridDiscovery)) }}
{{- end }}
{{- join "," $addrs }}
{{- end }}

{{/* Name of the Secret holding one API's tokens (key "tokens"). Argument: dict "root" . "api" "admin". */}}
{{- define "jric.tokenSecret" -}}
{{- $a := index .root.Values.auth .api }}
{{- if $a.existingSecret }}
{{- $a.existingSecret }}
{{- else }}
{{- printf "%s-%s-tokens" (include "jric.fullname" .root) .api | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* The HTTP probes' scheme. */}}
{{- define "jric.httpScheme" -}}
{{- if .Values.tls.http.enabled }}HTTPS{{ else }}HTTP{{ end }}
{{- end }}
