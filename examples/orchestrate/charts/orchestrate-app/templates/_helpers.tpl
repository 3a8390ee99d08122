{{- define "orchestrate-app.selector" -}}
app.kubernetes.io/name: orchestrate
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: {{ .Values.component }}
{{- end }}

{{- define "orchestrate-app.labels" -}}
{{ include "orchestrate-app.selector" . }}
app.kubernetes.io/part-of: orchestrate
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}
