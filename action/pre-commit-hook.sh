#!/bin/sh
# The pre-commit hook (.pre-commit-hooks.yaml, language: script): runs the prebuilt CLI bundle that the
# GitHub Action runs (action/dist, checked in) with the node on PATH. Nothing is installed or built,
# so the first commit does not wait for an npm install of the development packages.
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null; then
  echo "rbac-doctor: the pre-commit hook needs Node.js 20 or later as node on PATH" >&2
  exit 2
fi
exec node "$(dirname "$0")/dist/rbac-doctor.js" "$@"
