# cobrowse-bridge image: the Spring Boot jar as layers (dependencies change rarely, the application often), plus the
# config/ and routes/ folders it reads from its working directory. Build the jar first: mvn -B -ntp package
#   docker build -t cobrowse-bridge:0.1.0 .
# Run: see README, "Deployment".

FROM eclipse-temurin:17-jre AS layers
WORKDIR /build
COPY target/cobrowse-bridge-*.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system bridge && useradd --system --gid bridge --home-dir /app --shell /usr/sbin/nologin bridge
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
# Deployers may mount their own config/ (application.yml, templates) over these defaults.
COPY config/ config/
COPY routes/ routes/
USER bridge
# 8080: service (callbacks, launch URLs, actuator unless MANAGEMENT_SERVER_PORT is set); 8081: conventional
# management port.
EXPOSE 8080 8081
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# Liveness only: an outage of Kafka, OneSpan or SMTP must not get the container restarted.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}}/actuator/health/liveness" || exit 1
ENTRYPOINT ["java", "-jar", "application.jar"]
