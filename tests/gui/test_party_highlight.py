"""Party words are highlighted in the article view like other mentions (light), strongly for the
selected record, at the right place after characters outside the BMP."""

from PySide6.QtGui import QColor

from aidcurator.gui.highlight_styles import KIND_STYLES, style_for
from aidcurator.gui.offsets import OffsetMap

TEXT = "援建项目\n\n𠀀😀 China Eximbank lent 5,000万元 to build a road in Ghana in 2021."


def _spans(window, colour: str) -> list[str]:
    return [
        sel.cursor.selectedText()
        for sel in window.article_view.text.extraSelections()
        if sel.format.background().color().name() == QColor(colour).name()
    ]


def test_party_words_are_highlighted_light_and_strong_for_the_selected_record(window, tmp_path):
    assert "party" in KIND_STYLES  # with its chip in the legend
    path = tmp_path / "party.txt"
    path.write_text(TEXT, encoding="utf-8")
    report = window.curator.import_paths([path])
    window.articles.reload()
    [article_id] = report.article_ids
    [record, *_] = window.curator.records(article_id)
    start = TEXT.index("China Eximbank")
    window.curator.add_party(name="Export-Import Bank of China", role="funding", organisation_type="bank",
                             record_id=record.id, span=(start, start + len("China Eximbank")))  # fmt: skip
    window.controller.open_article(article_id, record.id)
    assert _spans(window, style_for("party").light) == ["China Eximbank"]
    assert _spans(window, style_for("party").strong) == ["China Eximbank"]
    middle = OffsetMap(TEXT).to_qt(start + 3)
    assert "Export-Import Bank of China (funding)" in window.article_view._tooltip_at(middle)
    assert "[party]" in window.article_view._tooltip_at(middle)
