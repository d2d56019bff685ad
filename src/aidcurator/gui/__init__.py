"""The Qt workbench. The only package that imports PySide6.

Modules: ``app`` (start-up, demo database, screenshots), ``main_window`` (layout and wiring; the
controller's view), ``controller`` (selection state, commands, navigation, databases; tested
against a fake ``view.View``), ``record_edits`` (the controller's edits of a record), ``jobs``
(import, re-extraction and export in the background), ``actions`` (actions and menus as a table),
``menu_handlers``, ``panes`` (article list and records), ``models`` (item models over the
curator's queries), ``article_view`` (highlighted text), ``record_form``, ``amount_editor`` and
``form_widgets`` (the form, read from the domain field table), ``commands`` (undo commands over
curation), ``workers`` (background threads), ``dialogs``, ``settings``, ``shortcut_guard``,
``selection``, ``formatting`` and ``offsets`` (the one place where Python str offsets become Qt
UTF-16 positions).
"""

from aidcurator.gui import pyside_fixes as _pyside_fixes  # noqa: F401  (before any model or undo command runs)
