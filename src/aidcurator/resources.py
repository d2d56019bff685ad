"""Locate the bundled `resources/` folder, from a checkout or an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """Return the folder holding rule data, gazetteers and sample articles.

    In a wheel it is shipped as ``aidcurator/_resources``; in a checkout (editable install or
    ``PYTHONPATH=src``) it is the top-level ``resources/`` folder of the repository.
    """
    package_dir = Path(__file__).resolve().parent
    candidates = [package_dir / "_resources", package_dir.parent.parent / "resources"]
    for candidate in candidates:
        if (candidate / "rules").is_dir():
            return candidate
    raise FileNotFoundError(
        "AidCurator resources not found; looked in " + ", ".join(str(c) for c in candidates)
    )


def resource_path(*parts: str) -> Path:
    """Path of one file inside the resources folder."""
    return resources_dir().joinpath(*parts)
