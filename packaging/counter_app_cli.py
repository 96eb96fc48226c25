"""Entry point of the bundle's `counter-app` executable (a console program on Windows)."""

from __future__ import annotations

import sys

from counter_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
