{{/* The release's name prefix of every object, at most 63 characters with a component suffix. */}}
{{- define "gantry.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The name of one component's objects: <fullname>-<component>. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "gantry.componentName" -}}
{{- printf "%s-%s" (include "gantry.fullname" .root) .component -}}
{{- end -}}

{{/*
The selector labels of a component's pods. app.kubernetes.io/name is the component, as the sandbox-manager
and the NetworkPolicies select by it.
*/}}
{{- define "gantry.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "gantry.labels" -}}
{{ include "gantry.selectorLabels" . }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: gantry
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The label by which sandbox NetworkPolicies let a release's agent-worker and sandbox-manager in. */}}
{{- define "gantry.sandboxClientLabel" -}}
gantry.dev/sandbox-client
{{- end -}}

{{/*
The port (by name) of a component's health and metrics: the gateway's are on Quarkus' management interface, a port
of their own that neither its public Service nor the ingress exposes; the internal services' on their one port.
*/}}
{{- define "gantry.managementPort" -}}
{{- if eq .component "gateway" -}}management{{- else -}}http{{- end -}}
{{- end -}}

{{/* The label of the one Service per component that the ServiceMonitors scrape (not the gateway's public one). */}}
{{- define "gantry.metricsServiceLabel" -}}
gantry.dev/metrics
{{- end -}}

{{- define "gantry.image" -}}
{{- $tag := .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s/%s:%s" .root.Values.image.registry .root.Values.image.repository .component $tag -}}
{{- end -}}

{{- define "gantry.sandboxImage" -}}
{{- .Values.sandboxes.image | default (include "gantry.image" (dict "root" . "component" "sandbox-runtime")) -}}
{{- end -}}

{{/* In-cluster base URL of a component's HTTP API. */}}
{{- define "gantry.url" -}}
{{- printf "http://%s:8080" (include "gantry.componentName" .) -}}
{{- end -}}

{{- define "gantry.platformSecretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-platform" (include "gantry.fullname" .)) -}}
{{- end -}}

{{- define "gantry.databaseSecretName" -}}
{{- .Values.postgresql.existingSecret | default (printf "%s-database" (include "gantry.fullname" .)) -}}
{{- end -}}

{{- define "gantry.kafka" -}}
{{- required "kafka.bootstrapServers is required: the Kafka brokers as host:port[,host:port...]" .Values.kafka.bootstrapServers -}}
{{- end -}}

{{/*
The Kafka client settings besides the brokers, one key=value per line, as Kafka names them: kafka.config and,
with kafka.tls.caSecret, the PEM trust store mounted by "gantry.kafkaTlsMount". Secrets are refused here.
*/}}
{{- define "gantry.kafkaClientSettings" -}}
{{- $lines := list -}}
{{- range $key, $value := .Values.kafka.config -}}
{{- if eq $key "bootstrap.servers" -}}
{{- fail "kafka.config cannot hold bootstrap.servers: give the brokers in kafka.bootstrapServers" -}}
{{- end -}}
{{- if or (contains "password" $key) (contains "secret" $key) (hasSuffix "jaas.config" $key) (hasSuffix ".key" $key) -}}
{{- fail (printf "kafka.config cannot hold %s: it is a secret, and kafka.config is written to ConfigMaps; give the SASL login in a Secret named by kafka.sasl.existingSecret" $key) -}}
{{- end -}}
{{- $lines = append $lines (printf "%s=%v" $key $value) -}}
{{- end -}}
{{- with .Values.kafka.tls.caSecret -}}
{{- $lines = append $lines "ssl.truststore.type=PEM" -}}
{{- $lines = append $lines (printf "ssl.truststore.location=%s/%s" (include "gantry.kafkaTlsPath" $) $.Values.kafka.tls.caKey) -}}
{{- end -}}
{{- join "\n" $lines -}}
{{- end -}}

{{- define "gantry.kafkaTlsPath" -}}
/deployments/kafka-tls
{{- end -}}

{{/* The env entry carrying the SASL login from its Secret, named `name`. Call with (dict "root" $ "name" "..."). */}}
{{- define "gantry.kafkaSaslEnv" -}}
{{- with .root.Values.kafka.sasl.existingSecret }}
- name: {{ $.name }}
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.root.Values.kafka.sasl.jaasConfigKey }}
{{- end }}
{{- end -}}

{{- define "gantry.kafkaTlsVolume" -}}
{{- with .Values.kafka.tls.caSecret }}
- name: kafka-tls
  secret:
    secretName: {{ . }}
{{- end }}
{{- end -}}

{{- define "gantry.kafkaTlsMount" -}}
{{- if .Values.kafka.tls.caSecret }}
- name: kafka-tls
  mountPath: {{ include "gantry.kafkaTlsPath" . }}
  readOnly: true
{{- end }}
{{- end -}}

{{/* A service's datasource settings, both its JDBC (Flyway) and reactive URLs. Call with (dict "root" $ "database" name). */}}
{{- define "gantry.datasourceProperties" -}}
{{- $host := required "postgresql.host is required: the PostgreSQL server of the conversation-service and event-store databases" .root.Values.postgresql.host -}}
{{- $server := printf "%s:%v/%s" $host .root.Values.postgresql.port .database -}}
quarkus.datasource.username={{ .root.Values.postgresql.username }}
quarkus.datasource.jdbc.url=jdbc:postgresql://{{ $server }}
quarkus.datasource.reactive.url=postgresql://{{ $server }}
{{- end -}}

{{/* The URLs of the services a service calls. Call with (dict "root" $ "services" (list "event-store" ...)). */}}
{{- define "gantry.restClientProperties" -}}
{{- $lines := list -}}
{{- range .services -}}
{{- $lines = append $lines (printf "quarkus.rest-client.%s.url=%s" . (include "gantry.url" (dict "root" $.root "component" .))) -}}
{{- end -}}
{{- join "\n" $lines -}}
{{- end -}}

{{- define "gantry.redis" -}}
{{- required "redis.url is required: redis://[:password@]host:port of the Redis for rate limits and live streams" .Values.redis.url -}}
{{- end -}}

{{/*
A platform container's common part: image, the config file and the secrets it reads, probes on Quarkus'
health endpoints, a read-only root with a writable /tmp, no privileges.
Call with (dict "root" $ "component" "event-store" "values" .Values.eventStore "env" (list ...)).
*/}}
{{- define "gantry.container" -}}
- name: {{ .component }}
  image: {{ include "gantry.image" . }}
  imagePullPolicy: {{ .root.Values.image.pullPolicy }}
  ports:
    - name: http
      containerPort: 8080
      protocol: TCP
    {{- if eq (include "gantry.managementPort" .) "management" }}
    - name: management
      containerPort: 9000
      protocol: TCP
    {{- end }}
  env:
    # the services bind 127.0.0.1 unless told otherwise; in a pod, the Service and the probes reach the pod's IP
    - name: QUARKUS_HTTP_HOST
      value: 0.0.0.0
    {{- if eq (include "gantry.managementPort" .) "management" }}
    # /q/health and /q/metrics on the management interface (port 9000), for the probes and the ServiceMonitor
    - name: QUARKUS_MANAGEMENT_HOST
      value: 0.0.0.0
    - name: QUARKUS_MANAGEMENT_PORT
      value: "9000"
    {{- end }}
    # one JSON object a line, the conversation, sandbox and user ids in "mdc" (plain lines when logging.json=false)
    - name: QUARKUS_LOG_CONSOLE_JSON_ENABLED
      value: {{ .root.Values.logging.json | quote }}
    {{- with .root.Values.tracing.otlpEndpoint }}
    # spans to the OTLP collector; without it the OpenTelemetry SDK stays off
    - name: GANTRY_OTEL_ENDPOINT
      value: {{ . | quote }}
    - name: QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL
      value: {{ $.root.Values.tracing.protocol | quote }}
    {{- end }}
    {{- with .env }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
    {{- with .root.Values.extraEnv }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  volumeMounts:
    - name: config
      mountPath: /deployments/config
      readOnly: true
    - name: tmp
      mountPath: /tmp
    {{- with .mounts }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  startupProbe:
    httpGet: {path: /q/health/started, port: {{ include "gantry.managementPort" . }}}
    periodSeconds: 2
    failureThreshold: 60
  livenessProbe:
    httpGet: {path: /q/health/live, port: {{ include "gantry.managementPort" . }}}
    periodSeconds: 10
    failureThreshold: 3
  readinessProbe:
    httpGet: {path: /q/health/ready, port: {{ include "gantry.managementPort" . }}}
    periodSeconds: 5
    failureThreshold: 3
  resources:
    {{- toYaml .values.resources | nindent 4 }}
  securityContext:
    allowPrivilegeEscalation: false
    readOnlyRootFilesystem: true
    capabilities:
      drop: [ALL]
{{- end -}}

{{/* The pod template's part shared by every platform Deployment. */}}
{{- define "gantry.podSpec" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: 185
  runAsGroup: 185
  fsGroup: 185
  seccompProfile:
    type: RuntimeDefault
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- with .root.Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
volumes:
  - name: config
    configMap:
      name: {{ include "gantry.componentName" . }}
  - name: tmp
    emptyDir: {}
  {{- with .volumes }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end -}}

{{/*
A component's ConfigMap (its application.properties, which Quarkus reads from /deployments/config), its
Deployment and its Service. Call with a dict: root, component, values (the component's values), properties
(the file's text), and optionally withoutKafka, env, mounts, volumes, serviceAccount, podLabels, terminationGracePeriodSeconds.
*/}}
{{- define "gantry.component" -}}
{{- $file := list "quarkus.http.port=8080" -}}
{{- if not .withoutKafka -}}
{{- $file = append $file (printf "kafka.bootstrap.servers=%s" (include "gantry.kafka" .root)) -}}
{{- range (include "gantry.kafkaClientSettings" .root | splitList "\n" | compact) -}}
{{- $file = append $file (printf "kafka.%s" .) -}}
{{- end -}}
{{- /* Quarkus reads KAFKA_SASL_JAAS_CONFIG as kafka.sasl.jaas.config, for every Kafka client of the service */ -}}
{{- $_ := set . "env" (concat (.env | default list) (include "gantry.kafkaSaslEnv" (dict "root" .root "name" "KAFKA_SASL_JAAS_CONFIG") | fromYamlArray)) -}}
{{- $_ := set . "mounts" (concat (.mounts | default list) (include "gantry.kafkaTlsMount" .root | fromYamlArray)) -}}
{{- $_ := set . "volumes" (concat (.volumes | default list) (include "gantry.kafkaTlsVolume" .root | fromYamlArray)) -}}
{{- end -}}
{{- with .properties -}}
{{- $file = append $file . -}}
{{- end -}}
{{- $file = append $file (include "gantry.internalAuthProperties" .) -}}
{{- $_ := set . "env" (concat (.env | default list) (include "gantry.internalAuthEnv" . | fromYamlArray)) -}}
{{- $file = join "\n" $file -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "gantry.componentName" . }}
  labels:
    {{- include "gantry.labels" . | nindent 4 }}
data:
  application.properties: |
    {{- $file | nindent 4 }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "gantry.componentName" . }}
  labels:
    {{- include "gantry.labels" . | nindent 4 }}
spec:
  replicas: {{ .values.replicas }}
  selector:
    matchLabels:
      {{- include "gantry.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "gantry.labels" . | nindent 8 }}
        {{- with .podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ $file | sha256sum }}
        {{- if and (not .root.Values.internalAuth.existingSecret) (include "gantry.internalAuthKeys" . | fromYamlArray) }}
        checksum/internal-auth: {{ include "gantry.internalAuthChecksum" . }}
        {{- end }}
        {{- with .root.Values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      {{- if .serviceAccount }}
      serviceAccountName: {{ .serviceAccount }}
      automountServiceAccountToken: true
      {{- else }}
      automountServiceAccountToken: false
      {{- end }}
      terminationGracePeriodSeconds: {{ .terminationGracePeriodSeconds | default 30 }}
      {{- include "gantry.podSpec" . | nindent 6 }}
      containers:
        {{- include "gantry.container" . | nindent 8 }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "gantry.componentName" . }}
  labels:
    {{- include "gantry.labels" . | nindent 4 }}
    {{ include "gantry.metricsServiceLabel" . }}: "true"
spec:
  type: ClusterIP
  selector:
    {{- include "gantry.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: 8080
      targetPort: http
      protocol: TCP
    {{- if eq (include "gantry.managementPort" .) "management" }}
    - name: management
      port: 9000
      targetPort: management
      protocol: TCP
    {{- end }}
{{- end -}}

{{/* The platform secrets a component reads, as env entries. Call with (dict "root" $ "keys" (list ...)). */}}
{{- define "gantry.secretEnv" -}}
{{- $secret := include "gantry.platformSecretName" .root -}}
{{- range .keys }}
- name: {{ . | upper | replace "-" "_" | printf "GANTRY_%s" }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ . }}
{{- end }}
{{- end -}}

{{- define "gantry.databasePasswordEnv" -}}
- name: GANTRY_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "gantry.databaseSecretName" . }}
      key: {{ .Values.postgresql.passwordKey }}
{{- end -}}

{{- define "gantry.internalAuthSecretName" -}}
{{- .Values.internalAuth.existingSecret | default (printf "%s-internal-auth" (include "gantry.fullname" .)) -}}
{{- end -}}

{{/* The callers that send a service token: service name, Secret key, the value's name under internalAuth.serviceTokens. */}}
{{- define "gantry.tokenCallers" -}}
- {service: gateway, key: gateway-token, value: gateway}
- {service: agent-worker, key: agent-worker-token, value: agentWorker}
- {service: integrations-service, key: integrations-service-token, value: integrationsService}
{{- end -}}

{{/*
The internal-auth Secret's data, key: value as YAML, checked: the private key and the three service tokens when
the chart makes the Secret, nothing with internalAuth.existingSecret.
*/}}
{{- define "gantry.internalAuthCredentials" -}}
{{- $a := .Values.internalAuth -}}
{{- if not $a.existingSecret -}}
{{- $key := required "internalAuth.userTokenPrivateKey (or internalAuth.existingSecret) is required: the gateway's key that signs user tokens, a PKCS#8 PEM made by openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048" $a.userTokenPrivateKey -}}
{{- if not (contains "-----BEGIN PRIVATE KEY-----" $key) -}}
{{- fail "internalAuth.userTokenPrivateKey must be an unencrypted PKCS#8 PEM (-----BEGIN PRIVATE KEY-----): openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 makes one; openssl pkcs8 -topk8 -nocrypt -in old.key converts a PKCS#1 (BEGIN RSA PRIVATE KEY) one" -}}
{{- end }}
user-token-private-key: {{ $key | quote }}
{{- range (include "gantry.tokenCallers" . | fromYamlArray) }}
{{ .key }}: {{ required (printf "internalAuth.serviceTokens.%s (or internalAuth.existingSecret) is required: the token the %s sends on its calls, e.g. head -c 32 /dev/urandom | base64" .value .service) (get $a.serviceTokens .value) | quote }}
{{- end }}
{{- end -}}
{{- end -}}

{{- define "gantry.userTokenPublicKey" -}}
{{- $key := required "internalAuth.userTokenPublicKey is required: the public half of internalAuth.userTokenPrivateKey that the services verify user tokens with, openssl pkey -in user-token.key -pubout" .Values.internalAuth.userTokenPublicKey -}}
{{- if not (contains "-----BEGIN PUBLIC KEY-----" $key) -}}
{{- fail "internalAuth.userTokenPublicKey must be an X.509 PEM (-----BEGIN PUBLIC KEY-----): openssl pkey -in user-token.key -pubout" -}}
{{- end -}}
{{- $key -}}
{{- end -}}

{{/*
gantry.auth.accepted-service-tokens: internalAuth.acceptedServiceTokenDigests, or, when that is empty and the tokens
are values, their digests. Every caller must have an entry, and a token given as a value must be among them.
*/}}
{{- define "gantry.acceptedServiceTokens" -}}
{{- $a := .Values.internalAuth -}}
{{- $callers := include "gantry.tokenCallers" . | fromYamlArray -}}
{{- $entries := $a.acceptedServiceTokenDigests | default list -}}
{{- if not $entries -}}
{{- if $a.existingSecret -}}
{{- fail (printf "internalAuth.acceptedServiceTokenDigests is required with internalAuth.existingSecret: the chart cannot read the tokens in Secret %s; give one <service>:<digest> entry for each of gateway, agent-worker and integrations-service, the digest of a token being printf %%s \"$token\" | sha256sum" $a.existingSecret) -}}
{{- end -}}
{{- $credentials := include "gantry.internalAuthCredentials" . | fromYaml -}}
{{- range $callers -}}
{{- $entries = append $entries (printf "%s:%s" .service (get $credentials .key | sha256sum)) -}}
{{- end -}}
{{- end -}}
{{- range $entries -}}
{{- if not (regexMatch "^(gateway|agent-worker|integrations-service):[0-9a-f]{64}$" .) -}}
{{- fail (printf "internalAuth.acceptedServiceTokenDigests: %q is not <service>:<hex SHA-256>, service being gateway, agent-worker or integrations-service; printf %%s \"$token\" | sha256sum gives the digest" .) -}}
{{- end -}}
{{- end -}}
{{- range $callers -}}
{{- $prefix := printf "%s:" .service -}}
{{- $found := false -}}
{{- range $entries -}}
{{- if hasPrefix $prefix . -}}
{{- $found = true -}}
{{- end -}}
{{- end -}}
{{- if not $found -}}
{{- fail (printf "internalAuth.acceptedServiceTokenDigests has no entry for the %s: its calls would all be refused; add %s<digest>, the digest being printf %%s \"$token\" | sha256sum" .service $prefix) -}}
{{- end -}}
{{- if not $a.existingSecret -}}
{{- $token := get $a.serviceTokens .value -}}
{{- $entry := printf "%s%s" $prefix ($token | sha256sum) -}}
{{- if and $token (not (has $entry $entries)) -}}
{{- fail (printf "internalAuth.acceptedServiceTokenDigests does not accept internalAuth.serviceTokens.%s: add %s (or leave the list empty for the chart to compute it)" .value $entry) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- join "," $entries -}}
{{- end -}}

{{/* The components that verify callers: all but the gateway. */}}
{{- define "gantry.verifiesCallers" -}}
{{- if ne .component "gateway" }}true{{ end -}}
{{- end -}}

{{/* A component's gantry.auth.* settings that are not secret, for its config file. Call with (dict "root" $ "component" ...). */}}
{{- define "gantry.internalAuthProperties" -}}
{{- if eq .component "gateway" -}}
gantry.auth.user-token.lifetime={{ .root.Values.internalAuth.userTokenLifetime }}
{{- else -}}
gantry.auth.accepted-service-tokens={{ include "gantry.acceptedServiceTokens" .root }}
{{- end -}}
{{- end -}}

{{/* The Secret keys of internalAuth a component reads: the gateway the private key and its token, a calling service its token. */}}
{{- define "gantry.internalAuthKeys" -}}
{{- $keys := list -}}
{{- if eq .component "gateway" -}}
{{- $keys = append $keys "user-token-private-key" -}}
{{- end -}}
{{- range (include "gantry.tokenCallers" .root | fromYamlArray) -}}
{{- if eq .service $.component -}}
{{- $keys = append $keys .key -}}
{{- end -}}
{{- end -}}
{{- toYaml $keys -}}
{{- end -}}

{{/*
A component's gantry.auth.* environment: its credentials from the internal-auth Secret (private key, own token),
and the public key, not secret, as a plain value in the verifying services.
*/}}
{{- define "gantry.internalAuthEnv" -}}
{{- $secret := include "gantry.internalAuthSecretName" .root -}}
{{- $names := dict "user-token-private-key" "GANTRY_AUTH_USER_TOKEN_PRIVATE_KEY" -}}
{{- range (include "gantry.internalAuthKeys" . | fromYamlArray) }}
- name: {{ get $names . | default "GANTRY_AUTH_SERVICE_TOKEN" }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ . }}
{{- end }}
{{- if include "gantry.verifiesCallers" . }}
- name: GANTRY_AUTH_USER_TOKEN_PUBLIC_KEY
  value: {{ include "gantry.userTokenPublicKey" .root | quote }}
{{- end }}
{{- end -}}

{{/* A checksum of the credentials a component reads from the chart's own Secret, so that a changed one rolls its pods. */}}
{{- define "gantry.internalAuthChecksum" -}}
{{- $credentials := include "gantry.internalAuthCredentials" .root | fromYaml -}}
{{- $values := list -}}
{{- range (include "gantry.internalAuthKeys" . | fromYamlArray) -}}
{{- $values = append $values (get $credentials . | default "") -}}
{{- end -}}
{{- join "\n" $values | sha256sum -}}
{{- end -}}
