# Summarises one station's hourly readings (hour,temperature_c,humidity_pct) as JSON.
NR == 1 { next }
{
    n++; t = $2 + 0; h = $3 + 0
    sum += t; hsum += h
    if (n == 1 || t < min) min = t
    if (n == 1 || t > max) max = t
    if (t > 25) hot++
}
END {
    printf "{\"station\":\"%s\",\"readings\":%d,\"min_c\":%.2f,\"max_c\":%.2f,\"mean_c\":%.4f,\"hours_above_25c\":%d,\"mean_humidity_pct\":%.4f}\n", \
        FILENAME, n, min, max, sum / n, hot + 0, hsum / n
}
