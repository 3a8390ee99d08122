{{/* Labels of one sub-component. Usage: include "idds.labels" (list $ "activemq") */}}
{{- define "idds.labels" -}}
{{ include "idds.selector" . }}
app.kubernetes.io/part-of: panda
app.kubernetes.io/managed-by: {{ (index . 0).Release.Service }}
helm.sh/chart: {{ printf "%s-%s" (index . 0).Chart.Name (index . 0).Chart.Version }}
{{- end }}

{{- define "idds.selector" -}}
app.kubernetes.io/name: {{ (index . 0).Chart.Name }}
app.kubernetes.io/instance: {{ (index . 0).Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* Settings shared by the REST server and the daemon. */}}
{{- define "idds.env" -}}
IDDS_EXPERIMENT: {{ .Values.global.experiment | quote }}
IDDS_DATABASE_HOST: {{ if .Values.postgres.enabled }}{{ printf "%s-postgres" .Release.Name | quote }}{{ else }}{{ .Values.externalDatabase.host | quote }}{{ end }}
IDDS_DATABASE_PORT: {{ .Values.externalDatabase.port | quote }}
IDDS_DATABASE_NAME: {{ .Values.postgres.database | quote }}
IDDS_DATABASE_USER: {{ .Values.postgres.user | quote }}
IDDS_PANDA_URL: {{ .Values.global.endpoints.pandaUrl | quote }}
IDDS_ACTIVEMQ_HOST: {{ .Values.global.endpoints.msgsvc | quote }}
IDDS_REST_HOST: {{ printf "https://%s-rest:%v/idds" .Release.Name .Values.rest.ports.https | quote }}
IDDS_AUTH_OIDC: {{ .Values.global.auth.iam | quote }}
{{- if .Values.global.auth.iam }}
IDDS_AUTH_IAM_URL: {{ .Values.global.endpoints.iam | quote }}
{{- end }}
{{- end }}
