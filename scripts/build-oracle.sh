#!/usr/bin/env bash
# Builds the Apache Avro differential oracle (tools/avro-oracle) with Maven. Idempotent: does nothing when the jar
# is newer than its sources. Dependencies land in tools/avro-oracle/target/lib; ~/.m2 caches downloads.
set -euo pipefail
dir="$(cd "$(dirname "$0")/../tools/avro-oracle" && pwd)"
jar="$dir/target/avro-oracle-1.0.0.jar"
if [[ -f "$jar" && -d "$dir/target/lib" ]] && [[ -z "$(find "$dir/pom.xml" "$dir/src" -newer "$jar" -print -quit)" ]]; then
  exit 0
fi
mvn -q -f "$dir/pom.xml" -DskipTests package
