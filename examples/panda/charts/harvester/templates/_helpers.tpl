{{/* Labels of one sub-component. Usage: include "harvester.labels" (list $ "activemq") */}}
{{- define "harvester.labels" -}}
{{ include "harvester.selector" . }}
app.kubernetes.io/part-of: panda
app.kubernetes.io/managed-by: {{ (index . 0).Release.Service }}
helm.sh/chart: {{ printf "%s-%s" (index . 0).Chart.Name (index . 0).Chart.Version }}
{{- end }}

{{- define "harvester.selector" -}}
app.kubernetes.io/name: {{ (index . 0).Chart.Name }}
app.kubernetes.io/instance: {{ (index . 0).Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}
