#!/usr/bin/env python3
"""Build the magazine: `python build.py` (see `python build.py --help`)."""
import sys

from generator.cli import main

if __name__ == "__main__":
    sys.exit(main())
