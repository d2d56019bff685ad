"""How many worker processes to use (a leaf module: no imports of ours)."""

from __future__ import annotations

import os


def default_workers() -> int:
    """All cores (``AIDCURATOR_WORKERS`` overrides)."""
    configured = os.environ.get("AIDCURATOR_WORKERS")
    if configured and configured.isdigit():
        return max(1, int(configured))
    return max(1, os.cpu_count() or 1)
