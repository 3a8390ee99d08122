{{/* Labels of one sub-component. Usage: include "bigmon.labels" (list $ "activemq") */}}
{{- define "bigmon.labels" -}}
{{ include "bigmon.selector" . }}
app.kubernetes.io/part-of: panda
app.kubernetes.io/managed-by: {{ (index . 0).Release.Service }}
helm.sh/chart: {{ printf "%s-%s" (index . 0).Chart.Name (index . 0).Chart.Version }}
{{- end }}

{{- define "bigmon.selector" -}}
app.kubernetes.io/name: {{ (index . 0).Chart.Name }}
app.kubernetes.io/instance: {{ (index . 0).Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}
