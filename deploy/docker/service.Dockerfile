# The image of one Gantry service (gateway, conversation-service, agent-worker, sandbox-manager, event-store,
# integrations-service), as the Helm chart in helm/gantry runs it. Build from the repository root after
# `mvn -B package -DskipTests`:
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=gateway -t ghcr.io/gantry-dev/gateway:0.1.0 .
# (The sandbox image, which needs a shell and the agent's tools, is sandbox-runtime/src/main/docker/Dockerfile.)
FROM registry.access.redhat.com/ubi9/openjdk-21-runtime:1.23

ARG SERVICE
ENV LANGUAGE='en_US:en'

# Quarkus' fast-jar layout, dependencies first so that they stay in their own, rarely changing layer
COPY --chown=185 ${SERVICE}/target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185 ${SERVICE}/target/quarkus-app/*.jar /deployments/
COPY --chown=185 ${SERVICE}/target/quarkus-app/app/ /deployments/app/
COPY --chown=185 ${SERVICE}/target/quarkus-app/quarkus/ /deployments/quarkus/

EXPOSE 8080
USER 185
# the chart mounts the service's settings as /deployments/config/application.properties, which Quarkus reads
# from its working directory; JAVA_OPTS_APPEND adds JVM options
ENV JAVA_OPTS_APPEND="-Djava.util.logging.manager=org.jboss.logmanager.LogManager"
ENV JAVA_APP_JAR="/deployments/quarkus-run.jar"

ENTRYPOINT [ "/opt/jboss/container/java/run/run-java.sh" ]
