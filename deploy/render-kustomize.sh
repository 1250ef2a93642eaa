#!/usr/bin/env sh
# Re-renders deploy/kustomize/base and deploy/kustomize/overlays/prod/generated from the Helm chart with the values in
# deploy/kustomize/chart-values, through the same Helm engine the tests use (no helm binary needed).
# KustomizeTest fails whenever the committed files differ from a fresh render, so run this after changing the chart.
set -eu
cd "$(dirname "$0")/.."
./mvnw -B -q -f deploy/pom.xml test -Dtest=KustomizeTest#baseAndGeneratedProdObjectsAreRenderedFromTheChart \
    -Ddeploy.regenerate=true
git status --short deploy/kustomize
