"""The Qt workbench. The only package that imports PySide6.

Modules: ``app`` (start-up, demo database, screenshots), ``main_window`` (the window and its
actions), ``models`` (item models over store queries), ``article_view`` (highlighted text),
``record_form`` (fields and the amount editor), ``commands`` (undo commands over curation),
``workers`` (background jobs), ``dialogs``, ``settings``, ``formatting`` and ``offsets`` (the one
place where Python str offsets become Qt UTF-16 positions).
"""

from aidcurator.gui import pyside_fixes as _pyside_fixes  # noqa: F401  (before any model or undo command runs)
