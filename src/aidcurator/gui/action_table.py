"""The window's actions and menus, as a table of data.

Each :class:`ActionSpec` names its action, text, shortcuts, status tip, the menu it sits in and
the handler it calls: a dotted attribute path from the window (``controller.accept`` is the
controller's method, ``on_export_csv`` the window's own). ``menu`` sections are separated where
``section`` changes. ``guarded`` shortcuts keep working while a text field has the focus.
:mod:`aidcurator.gui.actions` builds the QActions and menus from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aidcurator.gui.reference_dialogs import AIDDATA_FLAVOURS, PROJECT_FORMATS

EXPORT_FORMATS = (
    ("csv", "CSV…", "CSV files (*.csv)"),
    ("json", "JSON…", "JSON files (*.json)"),
    ("jsonl", "JSONL…", "JSON Lines files (*.jsonl)"),
    ("xlsx", "Excel…", "Excel workbooks (*.xlsx)"),
)

PROJECTS_TIP = "Export one row per project (fields, their sources, status history)"
AIDDATA_TIP = "Export projects with AidData's column names and their confirmed references"


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str
    text: str
    handler: str | None  # dotted path from the window; None: made elsewhere (undo, redo) or a toggle
    menu: str
    section: int = 0
    shortcuts: tuple[str, ...] = ()
    tip: str = ""
    guarded: bool = False
    checkable: bool = False
    checked: bool = False
    args: tuple[Any, ...] = ()  # passed to the handler


#: Menus in menu-bar order: attribute name on the window and title.
MENUS = (
    ("file_menu", "&File"),
    ("edit_menu", "&Edit"),
    ("record_menu", "&Record"),
    ("article_menu", "&Article"),
    ("export_menu", "E&xport"),
    ("view_menu", "&View"),
    ("help_menu", "&Help"),
)
#: Submenus: (menu, after action, attribute name, title, object name, handler filling it on show).
SUBMENUS = (
    ("file_menu", "new_database", "recent_menu", "Recent &databases", "recentMenu", "fill_recent_menu"),
)

S = ActionSpec
ACTIONS: tuple[ActionSpec, ...] = (
    S(
        "import_files",
        "&Import files…",
        "on_import_files",
        "file_menu",
        0,
        ("Ctrl+O",),
        "Import article files",
    ),
    S(
        "import_folder",
        "Import &folder…",
        "on_import_folder",
        "file_menu",
        0,
        ("Ctrl+Shift+O",),
        "Import every article file in a folder",
    ),
    S(
        "import_reference",
        "Import &reference dataset…",
        "on_import_reference",
        "file_menu",
        0,
        (),
        "Import an AidData table (GCOF 1.0 / GCDF 3.0: CSV, XLSX, JSONL) to reconcile projects with",
    ),
    S(
        "open_database",
        "&Open database…",
        "on_open_database",
        "file_menu",
        1,
        (),
        "Open another AidCurator database",
    ),
    S("new_database", "&New database…", "on_new_database", "file_menu", 1, (), "Create an empty database"),
    S(
        "re_extract_all",
        "Re-extract &all articles…",
        "on_re_extract_all",
        "file_menu",
        2,
        (),
        "Run the extractor again over every article; curated values are kept",
    ),
    S("quit", "&Quit", "close", "file_menu", 3, ("Ctrl+Q",)),
    S("undo", "&Undo", None, "edit_menu", 0, ("Ctrl+Z",), guarded=True),
    S("redo", "&Redo", None, "edit_menu", 0, ("Ctrl+Shift+Z", "Ctrl+Y"), guarded=True),
    S(
        "find",
        "&Find articles",
        "on_find",
        "edit_menu",
        1,
        ("Ctrl+F",),
        "Put the cursor in the search box",
        True,
    ),
    S(
        "focus_amount",
        "Edit &amount",
        "on_focus_amount",
        "edit_menu",
        1,
        ("Ctrl+M",),
        "Put the cursor in the amount editor",
        True,
    ),
    S(
        "article_details",
        "Article &details…",
        "metadata.toggle",
        "edit_menu",
        1,
        ("Ctrl+I",),
        "Show and edit the article's title, source, publication date, URL and language",
        True,
    ),
    S(
        "next_article",
        "Next ar&ticle",
        "controller.next_article",
        "edit_menu",
        2,
        ("Ctrl+PgDown",),
        guarded=True,
    ),
    S(
        "previous_article",
        "Previous art&icle",
        "controller.previous_article",
        "edit_menu",
        2,
        ("Ctrl+PgUp",),
        guarded=True,
    ),
    S(
        "new_record",
        "&New record",
        "controller.new_record",
        "record_menu",
        0,
        ("Ctrl+N",),
        "A new record for this article (from the selected text, if any)",
        True,
    ),
    S(
        "delete_record",
        "&Delete record",
        "controller.delete_record",
        "record_menu",
        0,
        ("Ctrl+Shift+Delete",),
        guarded=True,
    ),
    S(
        "accept",
        "&Accept record",
        "controller.accept",
        "record_menu",
        1,
        ("Ctrl+Return", "Ctrl+Enter"),
        "Accept the record and move to the next unreviewed one in this article",
        True,
    ),
    S(
        "reject",
        "Re&ject record",
        "controller.reject",
        "record_menu",
        1,
        ("Ctrl+Delete",),
        "Reject the record and move to the next unreviewed one in this article",
        True,
    ),
    S(
        "accept_next",
        "Accept and &go to next unreviewed",
        "controller.accept_and_next",
        "record_menu",
        1,
        ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"),
        "Accept the record and go to the next unreviewed record, in this or a later article",
        True,
    ),
    S(
        "mark_unsure",
        "Mark record &unsure…",
        "review.mark_unsure",
        "record_menu",
        1,
        ("Ctrl+U",),
        "Mark the record for a second look, with an optional reason",
        True,
    ),
    S(
        "reject_with_reason",
        "Reject record &with reason…",
        "review.reject_with_reason",
        "record_menu",
        1,
        ("Ctrl+Shift+K",),
        "Reject the record and say why",
        True,
    ),
    S(
        "reset",
        "&Reset to extracted",
        "controller.reset",
        "record_menu",
        2,
        ("Ctrl+R",),
        "Put the focused field (or the whole record) back to the extracted value",
        True,
    ),
    S(
        "jump_evidence",
        "Show &evidence",
        "controller.jump_to_evidence",
        "record_menu",
        2,
        ("Ctrl+J",),
        "Select the focused field's evidence in the article",
        True,
    ),
    S(
        "mark_article_done",
        "Mark article &done",
        "review.mark_done",
        "article_menu",
        0,
        ("Ctrl+D",),
        "Mark the article done (no records: “no aid record”) and go to the next one to review",
        True,
    ),
    S(
        "skip_article",
        "&Skip article…",
        "review.skip",
        "article_menu",
        0,
        ("Ctrl+Shift+S",),
        "Skip the article, with an optional reason, and go to the next one to review",
        True,
    ),
    S(
        "flag_article",
        "&Flag for a second look…",
        "review.flag",
        "article_menu",
        0,
        ("Ctrl+Shift+L",),
        "Flag the article for a second look, with an optional reason",
        True,
    ),
    S("reopen_article", "&Reopen article", "review.reopen", "article_menu", 1, (), "Back to in progress"),
    S(
        "re_extract_article",
        "Re-e&xtract this article",
        "on_re_extract_article",
        "article_menu",
        1,
        (),
        "Run the extractor again over this article; curated values are kept",
    ),
    S(
        "projects",
        "&Projects…",
        "on_projects",
        "article_menu",
        2,
        ("Ctrl+Shift+J",),
        "Projects across articles: duplicate proposals, merge, split, sources and status history",
    ),
    S(
        "reconcile",
        "Reconcile &with reference…",
        "on_reconcile",
        "article_menu",
        2,
        ("Ctrl+Shift+R",),
        "The reference projects (AidData) the selected project may be: confirm or reject",
    ),
    S("next_record", "Ne&xt record", "controller.next_record", "record_menu", 3, ("Alt+Down",), guarded=True),
    S(
        "previous_record",
        "Pre&vious record",
        "controller.previous_record",
        "record_menu",
        3,
        ("Alt+Up",),
        guarded=True,
    ),
    *(
        S(
            f"export_{fmt}",
            f"Records as {text}",
            "on_export",
            "export_menu",
            0,
            (),
            f"Export records as {fmt.upper()}",
            args=(fmt,),
        )
        for fmt, text, _filter in EXPORT_FORMATS
    ),
    S("export_accepted_only", "Accepted records only", None, "export_menu", 1, checkable=True, checked=True),
    S("export_all", "All records (any status)", None, "export_menu", 1, checkable=True),
    S(
        "export_filtered",
        "Only articles matching the current search and filters",
        None,
        "export_menu",
        2,
        checkable=True,
    ),
    *(
        S(
            f"export_projects_{fmt}",
            text,
            "on_export_projects",
            "export_menu",
            3,
            (),
            PROJECTS_TIP,
            args=(fmt,),
        )
        for fmt, text, _filter in PROJECT_FORMATS
    ),
    *(
        S(
            f"export_aiddata_{flavour}",
            text,
            "on_export_aiddata",
            "export_menu",
            4,
            (),
            AIDDATA_TIP,
            args=(flavour,),
        )
        for flavour, text in AIDDATA_FLAVOURS
    ),
    S(
        "dashboard",
        "&Dashboard",
        "dashboard.open",
        "view_menu",
        0,
        ("Ctrl+B",),
        "Charts of the totals by year, donor, recipient, sector and status; click a bar to filter the list",
    ),
    S("shortcuts", "&Keyboard shortcuts", "on_shortcuts", "help_menu", 0, ("F1",)),
    S("about", "&About AidCurator", "on_about", "help_menu", 0),
)
#: Checkable actions of which exactly one is on.
EXCLUSIVE = (("export_accepted_only", "export_all"),)
