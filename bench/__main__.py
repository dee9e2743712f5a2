"""Run every benchmark under bench/ in turn: `python -m bench` (or `make bench`)."""

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    only = sys.argv[1:]
    for script in sorted(HERE.glob("*.py")):
        if script.name.startswith("_") or (only and script.stem not in only):
            continue
        print(f"== {script.stem}", flush=True)
        runpy.run_path(str(script), run_name="__main__")
