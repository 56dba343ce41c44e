"""Runs a command and prints one JSON line: its wall seconds and the peak
resident memory of the child (ru_maxrss) and its CPU seconds (user + system), so argmax and fastText are measured
the same way. Usage: measure.py <command> [args...]; with MEASURE_TIMEOUT=seconds
the command is killed after that long and reported with "timed_out": true."""
import os
import json
import resource
import subprocess
import sys
import time

start = time.perf_counter()
limit = float(os.environ['MEASURE_TIMEOUT']) if os.environ.get('MEASURE_TIMEOUT') else None
timed_out = False
try:
    proc = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=limit)
    code, out, err = proc.returncode, proc.stdout, proc.stderr
except subprocess.TimeoutExpired as e:
    timed_out = True
    text = lambda b: b.decode('utf8', 'replace') if isinstance(b, bytes) else (b or '')
    code, out, err = None, text(e.stdout), text(e.stderr)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
peak_kb = usage.ru_maxrss
print(json.dumps({'code': code, 'timed_out': timed_out, 'seconds': seconds, 'cpu_seconds': usage.ru_utime + usage.ru_stime, 'peak_rss_mb': peak_kb / 1024, 'stdout': out[-20000:], 'stderr': err[-2000:]}))
