"""Run every benchmark of bench/ (make bench): each prints its own figures."""
import runpy
import sys
from pathlib import Path

for script in sorted(Path(__file__).parent.glob("bench_*.py")):
    sys.argv = [str(script)]
    runpy.run_path(str(script), run_name="__main__")
