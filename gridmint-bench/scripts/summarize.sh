#!/usr/bin/env bash
# Median and range of tasks/s, and medians of the latency percentiles, per configuration in a log of RESULT lines.
set -euo pipefail
grep -h '^RESULT' "$@" | awk '
function kv(k,  i, p) { for (i = 2; i <= NF; i++) { split($i, p, "="); if (p[1] == k) return p[2] } return "" }
# mawk has no asort: an insertion sort is plenty for a handful of runs.
function sorted(s, a,  n, i, j, t) { n = split(s, a, " "); for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t } return n }
function med(s,  a, n) { n = sorted(s, a); return a[int((n + 1) / 2)] }
function lo(s,  a, n) { n = sorted(s, a); return a[1] }
function hi(s,  a, n) { n = sorted(s, a); return a[n] }
{
  key = sprintf("mode=%s tasks=%s jobs=%s agents=%s batch=%s", kv("mode"), kv("tasks"), kv("jobs"), kv("agents"), kv("batch"))
  if (!(key in n)) order[++keys] = key
  n[key]++; tps[key] = tps[key] " " kv("tasks_per_s"); ok[key] = ok[key] " " kv("ok")
  c50[key] = c50[key] " " kv("claim_p50_ms"); c99[key] = c99[key] " " kv("claim_p99_ms")
  d50[key] = d50[key] " " kv("complete_p50_ms"); d99[key] = d99[key] " " kv("complete_p99_ms")
  cpu[key] = cpu[key] " " kv("cpu_ms_per_task"); busy[key] = busy[key] " " kv("machine_busy_cpus")
}
END {
  for (i = 1; i <= keys; i++) {
    k = order[i]
    printf "%s runs=%d tasks/s median %.0f range %.0f-%.0f | claim p50 %.1f p99 %.1f ms | complete p50 %.1f p99 %.1f ms | cpu %.2f ms/task | machine busy %.2f cpus | ok:%s\n",
      k, n[k], med(tps[k]), lo(tps[k]), hi(tps[k]), med(c50[k]), med(c99[k]), med(d50[k]), med(d99[k]), med(cpu[k]), med(busy[k]), ok[k]
  }
}'
