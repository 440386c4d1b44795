#!/usr/bin/env bash
# Creates (or keeps) every Secret the dev overlay needs, with random values, in namespace plexichat.
# The names and keys are the ones docs/operations.md lists; production creates the same Secrets its own way.
set -euo pipefail
ns=plexichat
kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl create namespace "$ns"
random() { openssl rand -base64 32 | tr -d '/+=' | cut -c1-32; }
secret() { # name key=value...
  local name=$1; shift
  if kubectl -n "$ns" get secret "$name" >/dev/null 2>&1; then echo "kept    $name"; return; fi
  local args=()
  for kv in "$@"; do args+=("--from-literal=$kv"); done
  kubectl -n "$ns" create secret generic "$name" "${args[@]}" >/dev/null
  echo "created $name"
}
secret plexichat-postgres username=plexichat "password=$(random)"
secret plexichat-client-secrets \
  "gateway=$(random)" "auth-service=$(random)" "user-service=$(random)" "org-service=$(random)" \
  "channel-service=$(random)" "messaging-service=$(random)" "file-service=$(random)" "call-service=$(random)"
secret plexichat-auth "encryption-key=$(random)$(random)"
secret plexichat-files "share-secret=$(random)"
secret plexichat-audit "signing-key=$(random)"
secret plexichat-s3 access-key=plexichat "secret-key=$(random)"
secret plexichat-admin "password=$(random)"
secret plexichat-keycloak-admin "password=$(random)"
secret plexichat-smtp username= password=
echo "PlexiChat's first administrator is \"admin\"; password: kubectl -n $ns get secret plexichat-admin -o jsonpath='{.data.password}' | base64 -d"
