"""The bundled sample articles and the demo database they are imported into."""

from __future__ import annotations

from pathlib import Path

from aidcurator.resources import resource_path
from aidcurator.store import user_data_dir


def sample_files() -> list[Path]:
    """The bundled sample articles (every file of ``resources/samples`` except its README)."""
    folder = resource_path("samples")
    if not folder.is_dir():
        raise FileNotFoundError(f"bundled samples not found at {folder}")
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.lower().startswith("readme"))


def demo_database() -> Path:
    """Where the demo database lives: ``demo.db`` beside the default database."""
    return user_data_dir() / "demo.db"
