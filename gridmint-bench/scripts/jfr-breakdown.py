#!/usr/bin/env python3
"""Splits the CPU-time samples of a JFR recording of ThroughputBench into store, HTTP and JSON work.

Usage: jfr print --events jdk.CPUTimeSample --stack-depth 200 rec.jfr > samples.txt
       gridmint-bench/scripts/jfr-breakdown.py samples.txt

The main thread is left out (start-up, registration, submission and the final check run there). Shares are
of samples, so they are approximate (the sampler drops some under load: see jdk.CPUTimeSamplesLost in `jfr summary`).
"""
import collections
import re
import sys

text = open(sys.argv[1]).read()
categories, parts, total = collections.Counter(), collections.Counter(), 0
for event in text.split("jdk.CPUTimeSample {")[1:]:
    m = re.search(r'eventThread = "([^"]*)"', event)
    thread = m.group(1) if m else "?"
    if thread in ("main", "JFR Shutdown Hook"):
        continue
    stack = event.split("stackTrace = [", 1)[1] if "stackTrace = [" in event else ""
    total += 1
    # Innermost meaning wins: a store transaction runs inside an HTTP handler, and its JSON columns inside it.
    if "JdbcStore.inTransaction" in stack:
        category = "store transaction (JdbcStore.inTransaction)"
        if "JobSql.taskCounts" in stack:
            parts["  of which JobSql.taskCounts (job progress: COUNT(*) ... GROUP BY state)"] += 1
        if "JobSql.pendingTasks" in stack:
            parts["  of which JobSql.pendingTasks (a claim's candidate tasks)"] += 1
        if "NativeDB.step" in stack:
            parts["  of which executing SQL inside SQLite (NativeDB.step)"] += 1
        if "NativeDB.prepare" in stack:
            parts["  of which preparing SQL statements (NativeDB.prepare)"] += 1
        if "SqliteConnections.commit" in stack:
            parts["  of which COMMIT"] += 1
    elif "jackson" in stack:
        category = "JSON (Jackson) outside the store"
    elif thread.startswith("Jetty") or "jetty" in stack or "javalin" in stack:
        category = "HTTP server (Jetty, Javalin), not counting the above"
    elif thread.startswith("HttpClient") or "jdk.internal.net.http" in stack:
        category = "HTTP client (JDK HttpClient) of the agents"
    elif thread.startswith("bench-agent"):
        category = "agent loop, other"
    else:
        category = "other (" + re.sub(r"\d+", "N", thread) + ")"
    categories[category] += 1

print(f"CPU-time samples, main thread left out: {total} (the 'of which' lines overlap: a COMMIT is also prepared and stepped)")
for name, n in categories.most_common():
    print(f"{100 * n / total:5.1f}%  {name}")
for name, n in parts.most_common():
    print(f"{100 * n / total:5.1f}%  {name}")
