"""The window controller against a fake view: no widgets, a real Curator over the stub database."""

from __future__ import annotations

from pathlib import Path

import pytest
from stub_extractor import stub_extract

from aidcurator.curation import Curator
from aidcurator.domain import RecordStatus, ReviewState
from aidcurator.gui.controller import WindowController


class FakeView:
    """Records what the controller asked of the window; answers questions with ``answer``."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple]] = []
        self.article = None
        self.records: list = []
        self.record = None
        self.amount_id = None
        self.messages: list[str] = []
        self.errors: list[tuple[str, str]] = []
        self.field_errors: list[tuple[str, str]] = []
        self.amount_errors: list[str] = []
        self.answer = False
        self.focused: str | None = None
        self.span: tuple[int, int] | None = None
        self.busy: str | None = None
        self.ended: list[str] = []

    def _note(self, name: str, *args: object) -> None:
        self.calls.append((name, args))

    def commit_pending(self) -> list[str]:
        return []

    def show_article(self, article, mentions) -> None:
        self._note("show_article", article.id if article else 0)
        self.article = article

    def show_records(self, records) -> None:
        self._note("show_records", len(records))
        self.records = list(records)

    def update_record(self, record) -> None:
        self._note("update_record", record.id)
        self.records = [record if r.id == record.id else r for r in self.records]

    def show_record(self, record, amount_id) -> None:
        self._note("show_record", record.id if record else None)
        self.record, self.amount_id = record, amount_id

    def show_status_message(self, text: str, timeout_ms: int = 8000) -> None:
        self.messages.append(text)

    def show_error(self, title: str, text: str, details: str = "") -> None:
        self.errors.append((title, text))

    def show_field_error(self, field: str, message: str) -> None:
        self.field_errors.append((field, message))

    def show_amount_error(self, message: str, *, revert_options: bool = False) -> None:
        self.amount_errors.append(message)

    def report_failures(self, title, summary, failures) -> None:
        self._note("report_failures", title)

    def ask(self, title: str, question: str) -> bool:
        self._note("ask", title)
        return self.answer

    def focused_field(self) -> str | None:
        return self.focused

    def focus_field(self, name: str) -> None:
        self._note("focus_field", name)

    def reveal_span(self, start: int, end: int) -> None:
        self._note("reveal_span", start, end)

    def selected_span(self):
        return self.span

    def select_span(self, start: int, end: int) -> None:
        self._note("select_span", start, end)

    def set_languages(self, languages) -> None:
        self._note("set_languages", tuple(languages))

    def set_busy(self, title, cancel) -> None:
        self.busy = title

    def show_progress(self, done: int, total: int, text: str) -> None:
        self._note("show_progress", done, total)

    def job_finished(self, title: str) -> None:
        self.ended.append(title)

    def database_opened(self, path: str) -> None:
        self._note("database_opened", path)

    def database_failed(self, path: str) -> None:
        self._note("database_failed", path)


@pytest.fixture
def view() -> FakeView:
    return FakeView()


@pytest.fixture
def controller(qapp, demo_db: Path, view: FakeView):
    curator = Curator.open(demo_db, extractor=stub_extract)
    controller = WindowController(curator, view, page_size=5)
    controller.start()
    controller.select_first_article()
    yield controller
    controller.jobs.cancel_and_wait()
    controller.undo_stack.clear()
    controller.curator.close()


def names(view: FakeView) -> list[str]:
    return [name for name, _args in view.calls]


def test_first_article_shows_its_first_pending_record(controller, view):
    first = controller.articles.article_at(0)
    assert controller.article_id == first.id == view.article.id
    assert [r.id for r in view.records] == [r.id for r in controller.curator.records(first.id)]
    assert view.record is not None and view.record.id == controller.record_id
    assert view.record.status == RecordStatus.PENDING
    assert view.amount_id == view.record.amounts[0].id
    assert ("set_languages", (("en", "zh"),)) in view.calls


def test_next_and_previous_article_and_record(controller, view):
    first, second = controller.articles.article_at(0).id, controller.articles.article_at(1).id
    controller.next_article()
    assert controller.article_id == second
    records = controller.records
    assert controller.record_id == records[0].id
    controller.next_record()
    assert controller.record_id == records[1].id == view.record.id
    controller.next_record()  # stays on the last one
    assert controller.record_id == records[-1].id
    controller.previous_record()
    assert controller.record_id == records[-2].id
    controller.previous_article()
    assert controller.article_id == first


def test_paging_on_to_the_next_article_fetches_more(controller):
    for _ in range(5):  # page size 5: the sixth article is on the next page
        controller.next_article()
    assert controller.articles.row_of(controller.article_id) == 5


def test_accept_moves_to_the_next_pending_record_in_the_article(controller, view):
    first, second = controller.records[0], controller.records[1]
    controller.accept()
    assert controller.curator.record(first.id).status == RecordStatus.ACCEPTED
    assert controller.record_id == second.id
    controller.accept()
    assert controller.record_id == second.id  # nothing pending is left: it stays in the article
    assert view.messages[-1] == "Every record of this article is reviewed"


def test_accept_and_next_goes_to_the_next_article_to_review_records(controller, view):
    first_article = controller.article_id
    for _ in controller.records:
        controller.accept_and_next()
    wanted = controller.curator.next_article_to_review(controller.articles.query, first_article)
    assert controller.article_id == wanted != first_article
    assert controller.record.status == RecordStatus.PENDING
    assert controller.articles.article_at(0).review_state == ReviewState.DONE
    assert controller.articles.progress[0] == 1


def test_accept_and_next_says_so_when_nothing_is_left(controller, view, monkeypatch):
    monkeypatch.setattr(controller.curator, "next_article_to_review", lambda query, after: None)
    for _ in controller.records:
        controller.accept_and_next()
    assert view.messages[-1] == "No unreviewed records left in the list"


def test_a_field_edit_refreshes_only_that_record_and_keeps_the_selection(controller, view):
    record = controller.records[1]
    controller.select_record(record.id)
    view.calls.clear()
    assert controller.set_field(record.id, "title", "Schools for Moyu")
    assert controller.record_id == record.id
    assert controller.record.title == "Schools for Moyu"
    assert controller.record.version == record.version + 1
    assert "update_record" in names(view) and "show_records" not in names(view)
    assert view.messages[-1].startswith("Saved: set title of record")


def test_undo_and_redo_a_field_edit(controller, view):
    record = controller.record
    controller.set_field(record.id, "donor", "测试捐助方")
    controller.undo_stack.undo()
    assert controller.record.donor == record.donor
    assert "donor" not in controller.record.curated_fields
    assert view.messages[-1].startswith("Undone")
    controller.undo_stack.redo()
    assert controller.record.donor == "测试捐助方"
    assert view.record.donor == "测试捐助方"


def test_new_record_is_saved_with_its_first_value_and_undo_removes_it(controller, view):
    before = [r.id for r in controller.records]
    view.span = None
    controller.new_record()
    assert [r.id for r in controller.records] == before  # nothing stored while it is empty
    assert controller.record_id is None and view.record.id == 0 and view.record.donor is None
    assert ("focus_field", ("donor",)) in view.calls
    assert controller.set_field(0, "donor", "新捐助方")
    created = [r.id for r in controller.records if r.id not in before]
    assert len(created) == 1 and controller.record_id == created[0]
    assert controller.record.donor == "新捐助方" and controller.draft is None
    controller.undo_stack.undo()
    assert [r.id for r in controller.records] == before
    assert controller.record_id in before


def test_delete_record_and_undo_restore_it_selected(controller):
    record = controller.record
    controller.delete_record()
    assert record.id not in [r.id for r in controller.records]
    controller.undo_stack.undo()
    assert controller.record_id == record.id


def test_a_value_curation_refuses_is_shown_beside_its_field(controller, view):
    record = controller.record
    assert not controller.set_field(record.id, "year_start", "next year")
    assert view.field_errors and view.field_errors[-1][0] == "year_start"
    assert "whole number" in view.field_errors[-1][1]
    assert controller.undo_stack.count() == 0


def test_a_conflict_is_shown_as_an_error_and_the_fresh_record_loaded(controller, view):
    record = controller.record
    controller.curator.update_record_field(record.id, "title", "changed elsewhere")  # another window
    assert not controller.set_field(record.id, "donor", "mine")
    field, message = view.field_errors[-1]
    assert field == "donor" and message
    assert view.messages[-1].startswith("Not saved:")
    assert controller.curator.record(record.id).donor == record.donor
    assert controller.record.title == "changed elsewhere"  # the list was read again
    assert controller.undo_stack.count() == 0


def test_a_failed_undo_is_shown_as_an_error(controller, view):
    record = controller.record
    controller.delete_record()
    controller.undo_stack.undo()
    controller.undo_stack.redo()
    snapshot = controller.undo_stack.command(0).change.snapshot
    controller.curator.restore_record(snapshot)  # someone else brought it back: undoing the delete fails
    controller.undo_stack.undo()
    assert view.errors and view.errors[-1][0] == "Could not undo"
    assert record.id in [r.id for r in controller.records]


def test_jobs_run_on_the_controllers_own_curator(controller, view, qtbot):
    seen = []

    def work(curator, progress, cancelled):
        progress(0, 1, "one.txt")
        return curator

    controller.jobs.start("Testing", work, seen.append)
    assert view.busy == "Testing"
    qtbot.waitUntil(lambda: view.ended == ["Testing"], timeout=10_000)
    assert seen == [controller.curator]
    assert view.busy is None and controller.jobs.job is None


def test_mention_click_selects_the_record_that_uses_it(controller, view):
    record = controller.records[1]
    amount = record.amounts[0]
    mention = next(m for m in controller.mentions if m.kind == "amount" and m.start == amount.start)
    controller.mention_clicked(mention)
    assert controller.record_id == record.id and controller.amount_id == amount.id
    assert view.messages[-1] == f"“{mention.text}” belongs to record {record.id}"


def test_jump_to_evidence_cycles_through_the_spans(controller, view):
    record = controller.record
    donor = record.evidence_for("donor")[0]
    controller.jump_to_evidence(record.id, "donor")
    assert ("select_span", (donor.start, donor.end)) in view.calls
    assert view.messages[-1].startswith("Evidence for donor")
    controller.jump_to_evidence(record.id, "notes")
    assert view.messages[-1] == "No evidence for notes in the article"


def test_open_database_keeps_the_extractor_and_offers_samples(controller, view, tmp_path):
    view.answer = False
    assert controller.open_database(tmp_path / "other.db")
    assert controller.curator.extractor is stub_extract
    assert controller.article_id == 0 and controller.record is None
    assert ("ask", ("Load sample articles?",)) in view.calls
    assert ("database_opened", (str(tmp_path / "other.db"),)) in view.calls


def test_an_empty_new_record_is_not_kept_when_moving_on(controller, view):
    before = [r.id for r in controller.records]
    view.span = None
    controller.new_record()
    controller.next_record()
    assert [r.id for r in controller.records] == before
    assert controller.record_id == before[0] and controller.draft is None
    assert "not kept" in view.messages[-1]
    assert controller.curator.records(controller.article_id) == controller.records


def test_a_refused_first_value_keeps_the_new_record_in_the_form(controller, view):
    before = [r.id for r in controller.records]
    view.span = None
    controller.new_record()
    assert not controller.set_field(0, "year_start", "soon")
    assert view.field_errors[-1][0] == "year_start"
    assert controller.draft is not None and [r.id for r in controller.records] == before
    assert not controller.set_amount_text(0, 0, "abc")
    assert view.amount_errors and controller.draft is not None
    assert controller.set_amount_text(0, 0, "3亿元")
    created = [r for r in controller.records if r.id not in before]
    assert len(created) == 1 and created[0].amounts[0].text == "3亿元"


def test_resetting_a_whole_record_asks_first(controller, view):
    record = controller.record
    controller.set_field(record.id, "donor", "改过的捐助方")
    steps = controller.undo_stack.count()
    view.focused = None
    view.answer = False
    controller.reset()
    assert ("ask", ("Reset the whole record?",)) in view.calls
    assert controller.record.donor == "改过的捐助方" and controller.undo_stack.count() == steps
    view.answer = True
    controller.reset()
    assert controller.record.donor == record.donor
    assert "Ctrl+Z" in view.messages[-1]
    controller.undo_stack.undo()
    assert controller.record.donor == "改过的捐助方"
