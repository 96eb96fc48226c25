"""Entry point of the bundle's desktop executable (windowed on Windows): `counter-app` alone."""

from __future__ import annotations

import sys

from counter_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
