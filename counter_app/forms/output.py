"""Writing a rendered form to a file: readable by its owner only, never half written.

A form carries a citizen's name, ID number and address; on a shared office PC the documents
folder is often readable by every account, so the file is made 0600 before its bytes go in.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE = 0o600


def save_pdf(path: Path, pdf: bytes) -> Path:
    """Write `pdf` to `path` (made 0600; the folder is created) through a temporary file that
    replaces the target at the end; returns the folder the file went to."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
    try:
        os.chmod(tmp, PRIVATE)  # a leftover .part may have been made with other bits
        with os.fdopen(fd, "wb") as out:
            out.write(pdf)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)
    return path.parent.resolve()
