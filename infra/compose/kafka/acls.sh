#!/bin/sh
# One-shot of docker-compose.kafka-acls.yml (docs/operations.md, "Kafka authentication and ACLs"). It shares the
# kafka container's network, so it reaches the broker's loopback listener (127.0.0.1:9094, PLAINTEXT, the only
# principal there is the super user ANONYMOUS) and makes every topic, a SCRAM-SHA-512 login per deployable and
# that login's ACLs. Safe to run again: docker-compose runs it on every `up`.
# The lists below are k8s/overlays/prod/kafka-users.yaml's (deploy-tests checks that they stay the same).
set -euf # -f: no globbing, so the group "*" stays a wildcard for Kafka

BIN=/opt/kafka/bin
LOCAL=127.0.0.1:9094
DAY=86400000

topic() { # name partitions [config ...]
  name=$1 partitions=$2
  shift 2
  configs=""
  for config in "$@"; do configs="$configs --config $config"; done
  # shellcheck disable=SC2086
  "$BIN/kafka-topics.sh" --bootstrap-server "$LOCAL" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor 1 $configs
}

login() { # deployable: its password from KAFKA_<NAME>_PASSWORD (auth-service: KAFKA_AUTH_SERVICE_PASSWORD)
  variable="KAFKA_$(echo "$1" | tr 'a-z-' 'A-Z_')_PASSWORD"
  eval "password=\${$variable:-}"
  if [ -z "$password" ]; then
    echo "$variable is not set" >&2
    exit 1
  fi
  case $password in
    *[!A-Za-z0-9_-]*) echo "$variable: letters, digits, - and _ only (openssl rand -hex 24)" >&2; exit 1 ;;
  esac
  "$BIN/kafka-configs.sh" --bootstrap-server "$LOCAL" --alter --entity-type users --entity-name "$1" \
    --add-config "SCRAM-SHA-512=[password=$password]"
}

allow() { # principal pattern-type operations resource-option names
  principal=$1 pattern=$2 operations=$3 option=$4 names=$5
  args=""
  for operation in $operations; do args="$args --operation $operation"; done
  for name in $names; do args="$args $option $name"; done
  # shellcheck disable=SC2086
  "$BIN/kafka-acls.sh" --bootstrap-server "$LOCAL" --add --allow-principal "User:$principal" \
    --resource-pattern-type "$pattern" $args > /dev/null
}

acl() { # deployable "topics it writes, with the DLTs it feeds" "topics it reads" "its consumer-group prefixes"
  login "$1"
  if [ -n "$2" ]; then allow "$1" literal "Write Describe" --topic "$2"; fi
  allow "$1" literal "Read Describe" --topic "$3"
  allow "$1" prefixed "Read" --group "$4"
}

# Every topic, with kafka-topics.yaml's settings (here three partitions, one replica); the broker creates none.
for family in users orgs channels messages files calls auth admin; do topic "plexichat.$family" 3; done
topic plexichat.settings 1 cleanup.policy=compact min.compaction.lag.ms=$((7 * DAY))
topic plexichat.audit-checkpoints 1 retention.ms=-1
topic plexichat.call-signals 3 retention.ms=3600000
for family in users orgs channels messages files calls auth admin settings call-signals; do
  topic "plexichat.$family.DLT" 1 retention.ms=$((30 * DAY))
done

acl gateway \
  "plexichat.auth.DLT plexichat.admin.DLT plexichat.settings.DLT" \
  "plexichat.auth plexichat.admin plexichat.settings" \
  "gateway-revocations- gateway-settings-"
acl auth-service \
  "plexichat.users plexichat.auth plexichat.users.DLT plexichat.auth.DLT plexichat.settings.DLT" \
  "plexichat.users plexichat.auth plexichat.settings" \
  "auth-service. auth-service-settings- revocations-auth-service-"
acl user-service \
  "plexichat.users plexichat.users.DLT plexichat.orgs.DLT plexichat.auth.DLT plexichat.settings.DLT" \
  "plexichat.users plexichat.orgs plexichat.auth plexichat.settings" \
  "user-service. user-service-settings- revocations-user-service-"
acl org-service \
  "plexichat.orgs plexichat.users.DLT plexichat.auth.DLT plexichat.settings.DLT" \
  "plexichat.users plexichat.auth plexichat.settings" \
  "org-service. org-service-settings- revocations-org-service-"
acl channel-service \
  "plexichat.channels plexichat.orgs.DLT plexichat.users.DLT plexichat.auth.DLT plexichat.settings.DLT" \
  "plexichat.orgs plexichat.users plexichat.auth plexichat.settings" \
  "channel-service. channel-service-settings- revocations-channel-service-"
acl messaging-service \
  "plexichat.messages plexichat.users plexichat.messages.DLT plexichat.users.DLT plexichat.channels.DLT plexichat.orgs.DLT plexichat.files.DLT plexichat.calls.DLT plexichat.auth.DLT plexichat.settings.DLT" \
  "plexichat.messages plexichat.users plexichat.channels plexichat.orgs plexichat.files plexichat.calls plexichat.auth plexichat.settings" \
  "messaging-service. messaging-service-settings- revocations-messaging-service-"
acl file-service \
  "plexichat.files plexichat.files.DLT plexichat.messages.DLT plexichat.channels.DLT plexichat.auth.DLT plexichat.settings.DLT" \
  "plexichat.files plexichat.messages plexichat.channels plexichat.auth plexichat.settings" \
  "file-service. file-service-settings- revocations-file-service-"
acl call-service \
  "plexichat.calls plexichat.call-signals plexichat.calls.DLT plexichat.call-signals.DLT plexichat.channels.DLT plexichat.messages.DLT plexichat.auth.DLT plexichat.settings.DLT" \
  "plexichat.calls plexichat.call-signals plexichat.channels plexichat.messages plexichat.auth plexichat.settings" \
  "call-service. call-service-settings- revocations-call-service-"
# admin-service also reads every dead-letter topic and writes every topic back: its dead-letter replay (docs/admin.md).
acl admin-service \
  "plexichat.admin plexichat.settings plexichat.users plexichat.audit-checkpoints plexichat.orgs plexichat.channels plexichat.messages plexichat.files plexichat.auth plexichat.calls plexichat.call-signals plexichat.admin.DLT plexichat.settings.DLT plexichat.users.DLT plexichat.orgs.DLT plexichat.channels.DLT plexichat.messages.DLT plexichat.files.DLT plexichat.auth.DLT" \
  "plexichat.admin plexichat.settings plexichat.users plexichat.audit-checkpoints plexichat.orgs plexichat.channels plexichat.messages plexichat.files plexichat.auth plexichat.admin.DLT plexichat.settings.DLT plexichat.users.DLT plexichat.orgs.DLT plexichat.channels.DLT plexichat.messages.DLT plexichat.files.DLT plexichat.auth.DLT plexichat.calls.DLT plexichat.call-signals.DLT" \
  "admin-service. admin-service-settings- revocations-admin-service-"
# admin-service: comparing its two topics' settings at start, and the health report's offsets and lags.
allow admin-service literal "DescribeConfigs" --topic "plexichat.settings plexichat.audit-checkpoints"
allow admin-service prefixed "Describe" --topic "plexichat."
allow admin-service literal "Describe" --group "*"

echo "Kafka topics, logins and ACLs are in place."
