#!/usr/bin/env bash
# Runs the throughput figures of BENCHMARKS.md: ROUNDS rounds of each configuration, interleaved so that noise
# from other processes on a shared machine spreads over all of them, then prints median and range per configuration.
# Run from the repository root after `./mvnw -q -B -pl gridmint-bench package`.
set -euo pipefail
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-gridmint-bench/target/gridmint-bench.jar}
ROUNDS=${ROUNDS:-3}
TASKS=${TASKS:-20000}
LOG=${LOG:-gridmint-bench/target/throughput-$(date +%Y%m%d-%H%M%S).log}
if [ "$#" -gt 0 ]; then configs=("$@"); else
  configs=("--mode http --batch 16" "--mode in-process --batch 16" "--mode agent-jvm --batch 16" "--mode http --batch 1")
fi
echo "log: $LOG"
for r in $(seq 1 "$ROUNDS"); do
  for c in "${configs[@]}"; do
    echo "# round $r: --tasks $TASKS --agents 4 $c ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$LOG"
    # shellcheck disable=SC2086
    "$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED -jar "$JAR" --tasks "$TASKS" --agents 4 $c >>"$LOG" 2>&1 || echo "# exit $?" | tee -a "$LOG"
    grep '^RESULT' "$LOG" | tail -1
  done
done
"$(dirname "$0")/summarize.sh" "$LOG"
