#!/usr/bin/env python3
"""Build the magazine: `python build.py` (see `python build.py --help`)."""
from generator.cli import run

if __name__ == "__main__":
    run()
