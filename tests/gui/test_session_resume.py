"""Reopening the window starts at the article and record where the curator stopped, per database."""

import shutil

from PySide6.QtCore import QSettings

from aidcurator.gui.settings import Preferences


def article_row(window):
    return window.article_table.selectionModel().currentIndex().row()


def record_row(window):
    return window.record_table.selectionModel().currentIndex().row()


def stop_somewhere(window, row=5):
    """Open the article at ``row`` and its last record; returns (article id, record id)."""
    window.select_article_row(row)
    records = window.records.records()
    assert len(records) > 1
    window.select_record(records[-1].id)
    return window.current_article_id, window.current_record.id


def test_reopening_starts_at_the_article_and_record_where_the_curator_stopped(make_window, demo_db, settings):
    first = make_window(demo_db)
    first.select_first_article()
    article_id, record_id = stop_somewhere(first)
    assert article_id != first.articles.article_at(0).id
    first.close()
    settings.sync()
    # what a new run reads from the settings file
    fresh = Preferences(QSettings(settings.fileName(), QSettings.Format.IniFormat))
    assert fresh.position(demo_db) == (article_id, record_id)

    again = make_window(demo_db)
    assert again.resume_session()
    assert again.current_article_id == article_id
    assert again.current_record.id == record_id
    assert again.article_view.article.id == article_id
    assert article_row(again) == again.articles.row_of(article_id) == 5
    assert record_row(again) == again.records.row_of(record_id)
    assert [i.row() for i in again.record_table.selectionModel().selectedRows()] == [record_row(again)]


def test_a_deleted_article_falls_back_to_the_first_one(make_window, demo_db, settings):
    Preferences(settings).set_position(demo_db, 999_999, 12)
    window = make_window(demo_db)
    assert window.resume_session()
    assert window.current_article_id == window.articles.article_at(0).id
    assert article_row(window) == 0
    assert window.current_record is not None


def test_a_deleted_record_keeps_the_article(make_window, demo_db, settings):
    window = make_window(demo_db)
    window.select_first_article()
    article_id, _record_id = stop_somewhere(window, row=3)
    window.close()
    Preferences(settings).set_position(demo_db, article_id, 999_999)
    again = make_window(demo_db)
    assert again.resume_session()
    assert again.current_article_id == article_id
    assert again.current_record is not None and again.current_record.article_id == article_id


def test_each_database_resumes_at_its_own_place(make_window, demo_db, tmp_path):
    other_db = tmp_path / "other.db"
    shutil.copy(demo_db, other_db)
    window = make_window(demo_db)
    window.select_first_article()
    here = stop_somewhere(window, row=4)

    assert window.open_database(str(other_db))
    assert window.current_article_id == window.articles.article_at(0).id  # nothing kept there yet
    there = stop_somewhere(window, row=7)
    assert there[0] != here[0]

    assert window.open_database(str(demo_db))
    assert (window.current_article_id, window.current_record.id) == here
    assert article_row(window) == 4
    assert window.open_database(str(other_db))
    assert (window.current_article_id, window.current_record.id) == there
    assert article_row(window) == 7


def test_an_article_beyond_the_first_page_is_loaded_and_marked(make_window, demo_db, settings):
    window = make_window(demo_db, page_size=4)
    window.select_first_article()
    article_id, record_id = stop_somewhere(window, row=0)
    last = window.articles.article_at(3)
    while window.articles.canFetchMore():
        window.articles.fetchMore()
    far = window.articles.article_at(window.articles.rowCount() - 2)
    assert window.articles.row_of(far.id) > 3
    window.select_article_row(window.articles.row_of(far.id))
    far_record = window.current_record.id
    window.close()

    again = make_window(demo_db, page_size=4)
    assert again.articles.rowCount() == 4 and last.id != far.id
    assert again.resume_session()
    assert again.current_article_id == far.id
    assert again.current_record.id == far_record
    assert article_row(again) == again.articles.row_of(far.id) > 3
    assert (article_id, record_id) != (far.id, far_record)
