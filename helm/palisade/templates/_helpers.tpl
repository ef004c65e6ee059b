{{/* The services the chart deploys, in a fixed order. */}}
{{- define "palisade.services" -}}
discovery scanner normaliser api
{{- end }}

{{- define "palisade.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "palisade.fullname" -}}
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

{{/* The name of one service's objects: <fullname>-<service>. Takes (dict "root" $ "svc" "api"). */}}
{{- define "palisade.svcName" -}}
{{- printf "%s-%s" (include "palisade.fullname" .root | trunc 52 | trimSuffix "-") .svc }}
{{- end }}

{{- define "palisade.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "palisade.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: palisade
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Every pod of the release (the default-deny NetworkPolicy selects these). */}}
{{- define "palisade.releaseSelector" -}}
app.kubernetes.io/name: {{ include "palisade.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* One service's pods. Takes (dict "root" $ "svc" "api"). */}}
{{- define "palisade.selectorLabels" -}}
{{ include "palisade.releaseSelector" .root }}
app.kubernetes.io/component: {{ .svc }}
{{- end }}

{{- define "palisade.svcLabels" -}}
{{ include "palisade.labels" .root }}
app.kubernetes.io/component: {{ .svc }}
{{- end }}

{{- define "palisade.serviceAccountName" -}}
{{- default (include "palisade.fullname" .) .Values.serviceAccount.name }}
{{- end }}

{{- define "palisade.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag }}
{{- if .Values.image.digest }}
{{- printf "%s:%s@%s" .Values.image.repository $tag .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}
{{- end }}

{{/* MSK IAM: the Kafka client signs with the pod's AWS identity. */}}
{{- define "palisade.mskIam" -}}
{{- if eq .Values.kafka.sasl.mechanism "aws" }}true{{ end }}
{{- end }}

{{- define "palisade.scram" -}}
{{- if has .Values.kafka.sasl.mechanism (list "scram-sha-256" "scram-sha-512") }}true{{ end }}
{{- end }}

{{- define "palisade.kafkaTls" -}}
{{- if or .Values.kafka.tls.enabled (include "palisade.mskIam" .) }}true{{ end }}
{{- end }}

{{/* Whether a service calls AWS: the normaliser only to sign MSK IAM. Takes (dict "root" $ "svc" …). */}}
{{- define "palisade.callsAws" -}}
{{- if or (has .svc (list "discovery" "scanner" "api")) (include "palisade.mskIam" .root) }}true{{ end }}
{{- end }}

{{- define "palisade.usesDatabase" -}}
{{- if has .svc (list "discovery" "normaliser" "api") }}true{{ end }}
{{- end }}

{{/* The Kafka topic and consumer group a KEDA trigger watches (libs/contracts Topics). */}}
{{- define "palisade.kedaTopic" -}}
{{- $topics := dict "scanner" "palisade.scan.jobs.v1" "normaliser" "palisade.findings.raw.v1" }}
{{- printf "%s%s" .root.Values.kafka.topicPrefix (get $topics .svc) }}
{{- end }}

{{- define "palisade.kedaGroup" -}}
{{- $groups := dict "scanner" "palisade-scanner" "normaliser" "palisade-normaliser" }}
{{- printf "%s%s" .root.Values.kafka.groupPrefix (get $groups .svc) }}
{{- end }}

{{- define "palisade.kedaPartitions" -}}
{{- if eq .svc "scanner" }}{{ .root.Values.kafka.topics.partitions.jobs | int64 }}{{ else }}{{ .root.Values.kafka.topics.partitions.findingsRaw | int64 }}{{ end }}
{{- end }}

{{/*
The non-secret settings one service's config schema reads (its ConfigMap). Numbers go through
int64: helm reads every number as a float, which would print 3600000 as 3.6e+06.
Takes (dict "root" $ "svc" …).
*/}}
{{- define "palisade.configData" -}}
{{- $ := .root }}
{{- $svc := .svc }}
{{- $v := index $.Values $svc }}
{{- $k := $.Values.kafka -}}
PORT: "8080"
LOG_LEVEL: {{ default $.Values.logLevel $v.logLevel | quote }}
TRANSPORT: kafka
KAFKA_BROKERS: {{ join "," $k.brokers | quote }}
{{- with $k.topicPrefix }}
KAFKA_TOPIC_PREFIX: {{ . | quote }}
{{- end }}
{{- with $k.groupPrefix }}
KAFKA_GROUP_PREFIX: {{ . | quote }}
{{- end }}
KAFKA_SSL: {{ ternary "true" "false" (eq (include "palisade.kafkaTls" $) "true") | quote }}
{{- if and (include "palisade.kafkaTls" $) $k.tls.caSecret.name }}
KAFKA_SSL_CA_FILE: /etc/palisade/kafka-ca/ca.crt
{{- end }}
KAFKA_SASL_MECHANISM: {{ $k.sasl.mechanism | quote }}
{{- if include "palisade.mskIam" $ }}
KAFKA_AWS_REGION: {{ default $.Values.aws.region $k.awsRegion | quote }}
{{- end }}
KAFKA_TOPIC_PROVISIONING: {{ ternary "true" "false" $k.topics.provision | quote }}
{{- if $k.topics.replicationFactor }}
KAFKA_REPLICATION_FACTOR: {{ $k.topics.replicationFactor | int64 | quote }}
{{- end }}
KAFKA_PARTITIONS_JOBS: {{ $k.topics.partitions.jobs | int64 | quote }}
KAFKA_PARTITIONS_FINDINGS_RAW: {{ $k.topics.partitions.findingsRaw | int64 | quote }}
KAFKA_PARTITIONS_JOB_EVENTS: {{ $k.topics.partitions.jobEvents | int64 | quote }}
KAFKA_PARTITIONS_DEFAULT: {{ $k.topics.partitions.default | int64 | quote }}
{{- with $k.consumer.sessionTimeoutMs }}
KAFKA_SESSION_TIMEOUT_MS: {{ . | int64 | quote }}
{{- end }}
{{- with $k.consumer.heartbeatIntervalMs }}
KAFKA_HEARTBEAT_INTERVAL_MS: {{ . | int64 | quote }}
{{- end }}
{{- if include "palisade.usesDatabase" . }}
DATABASE_POOL_SIZE: {{ $.Values.database.poolSize | int64 | quote }}
{{- end }}
{{- if has $svc (list "discovery" "scanner" "api") }}
AWS_REGION: {{ $.Values.aws.region | quote }}
{{- end }}
{{- if eq $svc "scanner" }}
{{- range $key, $value := $v.tuning }}
{{ printf "SCANNER_%s" (snakecase $key | upper) }}: {{ $value | int64 | quote }}
{{- end }}
{{- end }}
{{- if eq $svc "normaliser" }}
{{- range $key, $value := $v.tuning }}
{{ printf "NORMALISER_%s" (snakecase $key | upper) }}: {{ $value | int64 | quote }}
{{- end }}
{{- end }}
{{- if eq $svc "api" }}
{{- with default $.Values.serviceAccount.roleArn $v.hubPrincipalArn }}
HUB_PRINCIPAL_ARN: {{ . | quote }}
{{- end }}
{{- $names := dict "rateLimitPerMinute" "API_RATE_LIMIT_PER_MINUTE" "webhookMaxAttempts" "WEBHOOK_MAX_ATTEMPTS" "webhookIntervalMs" "WEBHOOK_INTERVAL_MS" "webhookTimeoutMs" "WEBHOOK_TIMEOUT_MS" "connectionTestTimeoutMs" "API_CONNECTION_TEST_TIMEOUT_MS" }}
{{- range $key, $value := $v.settings }}
{{- if not (kindIs "invalid" $value) }}
{{ get $names $key }}: {{ $value | int64 | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* The secret variables one service reads, as secretKeyRefs. Takes (dict "root" $ "svc" …). */}}
{{- define "palisade.secretEnv" -}}
{{- $ := .root }}
{{- if include "palisade.usesDatabase" . }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ $.Values.database.existingSecret }}
      key: {{ $.Values.database.keys.url }}
{{- end }}
{{- if include "palisade.scram" $ }}
- name: KAFKA_SASL_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $.Values.kafka.sasl.existingSecret }}
      key: {{ $.Values.kafka.sasl.keys.username }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $.Values.kafka.sasl.existingSecret }}
      key: {{ $.Values.kafka.sasl.keys.password }}
{{- end }}
{{- if eq .svc "api" }}
- name: OPERATOR_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $.Values.api.existingSecret }}
      key: {{ $.Values.api.keys.operatorKey }}
      optional: true
- name: WEBHOOK_ENCRYPTION_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $.Values.api.existingSecret }}
      key: {{ $.Values.api.keys.webhookEncryptionKey }}
{{- end }}
{{- end }}

{{- define "palisade.podSecurity" -}}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- end }}

{{/* The /tmp emptyDir (the only writable path) and, with a private CA, the Kafka CA. */}}
{{- define "palisade.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- if and (include "palisade.kafkaTls" .) .Values.kafka.tls.caSecret.name }}
- name: kafka-ca
  secret:
    secretName: {{ .Values.kafka.tls.caSecret.name }}
    # 0444 written in decimal: YAML 1.1 and 1.2 readers disagree on a leading zero.
    defaultMode: 292
    items:
      - key: {{ .Values.kafka.tls.caSecret.key }}
        path: ca.crt
{{- end }}
{{- end }}

{{- define "palisade.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if and (include "palisade.kafkaTls" .) .Values.kafka.tls.caSecret.name }}
- name: kafka-ca
  mountPath: /etc/palisade/kafka-ca
  readOnly: true
{{- end }}
{{- end }}

{{/* The service account of one service's pods. Takes (dict "root" $ "svc" …). */}}
{{- define "palisade.podServiceAccount" -}}
{{- if and (eq .svc "normaliser") (not (include "palisade.mskIam" .root)) }}
{{- include "palisade.svcName" . }}
{{- else }}
{{- include "palisade.serviceAccountName" .root }}
{{- end }}
{{- end }}

{{/* Whether KEDA or an HPA owns the replica count. Takes (dict "root" $ "svc" …). */}}
{{- define "palisade.kedaOn" -}}
{{- $v := index .root.Values .svc }}
{{- if and (hasKey $v "keda") $v.keda.enabled }}true{{ end }}
{{- end }}

{{- define "palisade.hpaOn" -}}
{{- $v := index .root.Values .svc }}
{{- if and (hasKey $v "autoscaling") $v.autoscaling.enabled (not (include "palisade.kedaOn" .)) }}true{{ end }}
{{- end }}

{{/* NetworkPolicy egress rules shared by the services and the migration Job. */}}
{{- define "palisade.egressDns" -}}
# Cluster DNS.
- to:
    {{- toYaml .Values.networkPolicy.egress.dns.to | nindent 4 }}
  ports:
    {{- range $port := .Values.networkPolicy.egress.dns.ports }}
    - port: {{ $port }}
      protocol: UDP
    - port: {{ $port }}
      protocol: TCP
    {{- end }}
{{- end }}

{{/* Egress to cidrs and peers on ports; to anywhere on those ports when neither is set. Takes (dict "rule" … "comment" …). */}}
{{- define "palisade.egressTo" -}}
# {{ .comment }}.
- ports:
    {{- range $port := .rule.ports }}
    - port: {{ $port }}
      protocol: TCP
    {{- end }}
  {{- if or .rule.cidrs .rule.peers }}
  to:
    {{- range $cidr := .rule.cidrs }}
    - ipBlock:
        cidr: {{ $cidr }}
    {{- end }}
    {{- with .rule.peers }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
{{- end }}

{{- define "palisade.egressAws" -}}
{{- $aws := .Values.networkPolicy.egress.aws -}}
# AWS APIs (STS, Organizations, the scanned services) over HTTPS, never the instance metadata
# service: the pods use their IRSA role, not the node's.
- to:
    - ipBlock:
        cidr: 0.0.0.0/0
        except:
          - 169.254.169.254/32
          {{- range $cidr := $aws.exceptCidrs }}
          - {{ $cidr }}
          {{- end }}
    {{- range $cidr := $aws.extraCidrs }}
    - ipBlock:
        cidr: {{ $cidr }}
    {{- end }}
  ports:
    {{- range $port := $aws.ports }}
    - port: {{ $port }}
      protocol: TCP
    {{- end }}
{{- end }}

{{/* "2 replicas", "HPA 2-12 at 70% CPU" or "KEDA 2-24 on the lag of <group>". Takes (dict "root" $ "svc" …). */}}
{{- define "palisade.replicaSummary" -}}
{{- $v := index .root.Values .svc }}
{{- if include "palisade.kedaOn" . }}
{{- printf "KEDA %d-%d replicas on the lag of %s / %s" ($v.keda.minReplicaCount | int64) ($v.keda.maxReplicaCount | int64) (include "palisade.kedaGroup" .) (include "palisade.kedaTopic" .) }}
{{- else if include "palisade.hpaOn" . }}
{{- printf "HPA %d-%d replicas at %d%% CPU" ($v.autoscaling.minReplicas | int64) ($v.autoscaling.maxReplicas | int64) ($v.autoscaling.targetCPUUtilizationPercentage | int64) }}
{{- else }}
{{- printf "%d replicas" ($v.replicas | int64) }}
{{- end }}
{{- end }}

{{/*
checkov skips for a workload, each with its reason, rendered only while the setting it excuses
is in force. Takes (dict "root" $ "secretEnv" bool).
*/}}
{{- define "palisade.checkovSkips" -}}
{{- $skips := list }}
{{- if not .root.Values.image.digest }}
{{- $skips = append $skips "CKV_K8S_43=The image is pinned by an immutable release tag; set image.digest to pin it by digest as well" }}
{{- if ne .root.Values.image.pullPolicy "Always" }}
{{- $skips = append $skips "CKV_K8S_15=Release tags are immutable, and IfNotPresent lets pods start from the node's cache while the registry is unreachable; set image.pullPolicy Always (or image.digest) where nodes are shared with untrusted tenants" }}
{{- end }}
{{- end }}
{{- if .secretEnv }}
{{- $skips = append $skips "CKV_K8S_35=Palisade reads its credentials from the environment only (libs/config); the values come from secretKeyRefs to Secrets the operator creates, never from the chart" }}
{{- end }}
{{- range $i, $skip := $skips }}
checkov.io/skip{{ add1 $i }}: {{ $skip }}
{{- end }}
{{- end }}
