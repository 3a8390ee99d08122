{{/* Labels of one sub-component. Usage: include "panda.labels" (list $ "activemq") */}}
{{- define "panda.labels" -}}
{{ include "panda.selector" . }}
app.kubernetes.io/part-of: panda
app.kubernetes.io/managed-by: {{ (index . 0).Release.Service }}
helm.sh/chart: {{ printf "%s-%s" (index . 0).Chart.Name (index . 0).Chart.Version }}
{{- end }}

{{- define "panda.selector" -}}
app.kubernetes.io/name: {{ (index . 0).Chart.Name }}
app.kubernetes.io/instance: {{ (index . 0).Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* Host of the PanDA database: the postgres subchart, or externalDatabase.host. */}}
{{- define "panda.dbHost" -}}
{{- if .Values.postgres.enabled }}{{ printf "%s-postgres" .Release.Name }}{{ else }}{{ .Values.externalDatabase.host }}{{ end }}
{{- end }}

{{/* Annotations of a hook Job. Usage: include "panda.hook" (list "post-install,post-upgrade" 5) */}}
{{- define "panda.hook" -}}
helm.sh/hook: {{ index . 0 | quote }}
helm.sh/hook-weight: {{ index . 1 | quote }}
helm.sh/hook-delete-policy: "before-hook-creation,hook-succeeded"
{{- end }}
