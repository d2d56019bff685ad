"""What the window remembers between runs (QSettings): geometry, splitters, databases, and the
article and record each database was left at."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

#: The application's name: organisation and application of the settings, window titles.
APP_NAME = "AidCurator"
MAX_RECENT = 8
#: Databases whose last article and record are remembered (the most recently used).
MAX_POSITIONS = 32


def default_settings() -> QSettings:
    """The user's settings store (tests pass their own, in a temporary folder)."""
    return QSettings(APP_NAME, APP_NAME)


class Preferences:
    """Typed access to the window's settings."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    # -- window

    def geometry(self) -> QByteArray | None:
        value = self.settings.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self.settings.setValue("window/geometry", geometry)

    def window_state(self) -> QByteArray | None:
        value = self.settings.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, state: QByteArray) -> None:
        self.settings.setValue("window/state", state)

    def splitter(self, name: str) -> QByteArray | None:
        value = self.settings.value(f"splitters/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_splitter(self, name: str, state: QByteArray) -> None:
        self.settings.setValue(f"splitters/{name}", state)

    # -- databases

    def last_database(self) -> str | None:
        value = self.settings.value("databases/last")
        return str(value) if value else None

    def recent_databases(self) -> list[str]:
        value = self.settings.value("databases/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def remember_database(self, path: str | Path) -> None:
        text = str(path)
        recent = [p for p in self.recent_databases() if p != text]
        self.settings.setValue("databases/last", text)
        self.settings.setValue("databases/recent", [text, *recent][:MAX_RECENT])

    def forget_database(self, path: str | Path) -> None:
        text = str(path)
        self.settings.setValue("databases/recent", [p for p in self.recent_databases() if p != text])

    # -- where the curator stopped, per database

    def _positions(self) -> dict[str, list[int | None]]:
        try:
            value = json.loads(str(self.settings.value("session/positions", "{}")))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def position(self, database: str | Path) -> tuple[int, int | None] | None:
        """``(article id, record id or None)`` the window showed last in this database."""
        saved = self._positions().get(database_key(database))
        if not isinstance(saved, list) or len(saved) != 2:
            return None
        article, record = saved
        if not isinstance(article, int) or article <= 0:
            return None
        return article, record if isinstance(record, int) and record > 0 else None

    def set_position(self, database: str | Path, article_id: int, record_id: int | None) -> None:
        positions = self._positions()
        key = database_key(database)
        positions.pop(key, None)
        positions[key] = [article_id, record_id]
        kept = dict(list(positions.items())[-MAX_POSITIONS:])
        self.settings.setValue("session/positions", json.dumps(kept, ensure_ascii=False))

    def sync(self) -> None:
        self.settings.sync()


def database_key(database: str | Path) -> str:
    """One name per database: a URL as given, a file by its absolute path."""
    text = str(database)
    return text if "://" in text else str(Path(text).expanduser().resolve())
