#!/usr/bin/env python3
"""Regenerates the demo's weather readings (gridmint-cli/src/main/resources/demo/data).

48 made-up stations, 720 hourly readings each (30 days): a daily temperature cycle, a trend per
station, and seeded noise. Deterministic: the same files every run, so the repository keeps them.
"""
import math, os, random

OUT = os.path.join(os.path.dirname(__file__), "..", "gridmint-cli", "src", "main", "resources", "demo", "data")
os.makedirs(OUT, exist_ok=True)
rng = random.Random(20261125)
for s in range(48):
    base = rng.uniform(2.0, 24.0)
    swing = rng.uniform(3.0, 9.0)
    trend = rng.uniform(-0.01, 0.01)
    humid = rng.uniform(40, 80)
    with open(os.path.join(OUT, f"station-{s:02d}.csv"), "w") as f:
        f.write("hour,temperature_c,humidity_pct\n")
        for h in range(720):
            t = base + swing * math.sin(2 * math.pi * (h % 24 - 9) / 24) + trend * h + rng.gauss(0, 1.2)
            hum = min(100.0, max(5.0, humid - 1.5 * (t - base) + rng.gauss(0, 4)))
            f.write(f"{h},{t:.2f},{hum:.1f}\n")
