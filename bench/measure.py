"""Runs a command and prints one JSON line: its wall seconds, its CPU seconds
(user + system) and the peak resident memory of the child (ru_maxrss), so
argmax and fastText are measured the same way. Usage: measure.py <command> [args...]"""
import json
import resource
import subprocess
import sys
import time

start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
peak_kb = usage.ru_maxrss
print(json.dumps({'code': proc.returncode, 'seconds': seconds, 'cpu_seconds': usage.ru_utime + usage.ru_stime, 'peak_rss_mb': peak_kb / 1024, 'stdout': proc.stdout[-20000:], 'stderr': proc.stderr[-2000:]}))
