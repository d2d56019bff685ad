"""What the window remembers between runs (QSettings): geometry, splitters, databases."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

#: The application's name: organisation and application of the settings, window titles.
APP_NAME = "AidCurator"
MAX_RECENT = 8


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

    def sync(self) -> None:
        self.settings.sync()
