"""After an import in the window, the worker looks for duplicate projects among the new articles
and the status bar says how many (the Projects panel, when open, lists them)."""

import threading

from aidcurator.domain.project_views import Proposal, Unit
from aidcurator.gui.projects_panel import show_projects_dock


def test_an_import_looks_for_duplicate_projects_in_the_worker(window, qtbot, tmp_path, monkeypatch):
    asked = []

    def proposals_for_articles(article_ids):
        asked.append((list(article_ids), threading.current_thread() is threading.main_thread()))
        return [Proposal(Unit("record", 1), Unit("record", 2), 0.9, (1, 2), ("same recipient",))] * 2

    monkeypatch.setattr(window.curator, "proposals_for_articles", proposals_for_articles)
    panel = show_projects_dock(window)
    path = tmp_path / "new.txt"
    path.write_text("上海援疆新建学校\n\n上海市援助莎车县3000万元新建学校。", encoding="utf-8")
    with qtbot.waitSignal(window.job_ended, timeout=20_000):
        window.import_paths([path])
    assert asked == [([window.current_article_id], False)]  # the new article, off the GUI thread
    message = window.statusBar().currentMessage()
    assert "Imported 1 article" in message
    assert message.endswith("· 2 possible duplicates — open Projects (Ctrl+Shift+J)")
    assert panel.proposals.rowCount() == 2 and panel.message.text() == "2 possible duplicates"


def test_a_failed_proposal_search_leaves_the_import_standing(window, qtbot, tmp_path, monkeypatch):
    def broken(article_ids):
        raise RuntimeError("no index")

    monkeypatch.setattr(window.curator, "proposals_for_articles", broken)
    path = tmp_path / "other.txt"
    path.write_text("上海援疆新建医院\n\n上海市援助莎车县5000万元新建医院。", encoding="utf-8")
    before = window.curator.count_articles()
    with qtbot.waitSignal(window.job_ended, timeout=20_000):
        window.import_paths([path])
    assert window.curator.count_articles() == before + 1
    assert window.statusBar().currentMessage().endswith("· duplicate projects not looked for: no index")
