#!/usr/bin/env bash
# The A/B build for the store benchmark: this checkout's code with the state store of git tag
# `wal-store` (the write-ahead log that lowdb replaced) put back, built, in a worktree of its own.
# Only the store differs, so `npm run bench:ab` and `npm run bench:storage -- --other DIR` compare
# the two stores on the same Node, server and bot.
#   bash scripts/ab-store-build.sh [DIR]      (default: ../wal-store-build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$root/../wal-store-build}"
commit="$(git -C "$root" rev-parse HEAD)"

if [ -d "$dir" ]; then
  git -C "$dir" checkout --quiet --force --detach "$commit"
else
  git -C "$root" worktree add --quiet --detach "$dir" "$commit"
fi
git -C "$dir" clean --quiet -fd -- src
# The log's store, its helpers and its wiring as they were at the tag.
git -C "$dir" checkout wal-store -- \
  src/storage/lowdb-storage.ts src/storage/write-ahead-log.ts src/storage/recent-documents.ts \
  src/storage/persistence.ts src/storage/writes-together.ts src/storage/durable-write.ts
# The store's own files that the log's wiring does not use.
rm -f "$dir/src/storage/durable-json-file.ts" "$dir/src/storage/upgrade-write-ahead-log.ts"
ln -sfn "$root/node_modules" "$dir/node_modules"
(cd "$dir" && rm -rf dist && "$root/node_modules/.bin/tsc" -p tsconfig.build.json)
echo "built the wal-store store into $dir/dist (code of $commit otherwise)"
