"""Duplicate proposals: blocking by recipient, not-the-same, projects, new articles, scoring."""

from decimal import Decimal

from project_texts import HOSPITAL, HOSPITAL_ZH, OTHER_RECIPIENT, SCHOOL, import_articles, record_ids

from aidcurator.curation import Curator
from aidcurator.curation.changes import MarkNotSame
from aidcurator.curation.project_dedupe import _Row, candidate_pairs, proposal_groups, score_pair
from aidcurator.domain.project_views import Proposal, Unit


def _pairs(proposals: list[Proposal]) -> set[frozenset[Unit]]:
    return {frozenset((p.left, p.right)) for p in proposals}


def test_no_cross_recipient_pairs(real_curator: Curator) -> None:
    curator = real_curator
    kenya = record_ids(curator, import_articles(curator, HOSPITAL[:1]))
    tanzania = record_ids(curator, import_articles(curator, [OTHER_RECIPIENT]))
    assert curator.record(tanzania[0]).recipient_code == "TZA"
    assert curator.record(kenya[0]).recipient_code == "KEN"
    assert curator.propose_duplicates() == []
    assert curator.propose_duplicates(tanzania) == []


def test_unrelated_project_of_the_same_recipient_is_not_proposed(real_curator: Curator) -> None:
    curator = real_curator
    hospital = record_ids(curator, import_articles(curator, HOSPITAL))
    school = record_ids(curator, import_articles(curator, [SCHOOL]))
    assert curator.record(school[0]).recipient_code == "KEN"
    found = _pairs(curator.propose_duplicates())
    assert found == {
        frozenset((Unit("record", a), Unit("record", b)))
        for i, a in enumerate(hospital)
        for b in hospital[i + 1 :]
    }


def test_not_same_is_respected_for_records_and_their_projects(real_curator: Curator) -> None:
    curator = real_curator
    hospital = record_ids(curator, import_articles(curator, HOSPITAL))
    change = MarkNotSame(hospital[0], hospital[2])
    assert change.apply(curator)
    found = _pairs(curator.propose_duplicates())
    assert frozenset((Unit("record", hospital[0]), Unit("record", hospital[2]))) not in found
    assert len(found) == 2

    # once 0 and 1 are one project, that project may not be proposed with 2 either
    project_id = curator.create_project(hospital[:2]).project_id
    assert curator.propose_duplicates() == []
    change.undo(curator)
    (proposal,) = curator.propose_duplicates()
    assert {proposal.left, proposal.right} == {Unit("project", project_id), Unit("record", hospital[2])}
    change.redo(curator)
    assert curator.propose_duplicates() == []
    assert not curator.mark_not_same(hospital[2], hospital[0])  # already marked, either order


def test_new_articles_are_proposed_against_what_is_stored(real_curator: Curator) -> None:
    curator = real_curator
    first = import_articles(curator, HOSPITAL[:2])
    outcome = curator.apply_proposals(curator.proposals_for_articles(first))
    (project_id,) = {o.project_id for o in outcome}
    later = import_articles(curator, HOSPITAL[2:])
    (proposal,) = curator.proposals_for_articles(later)
    assert proposal.left == Unit("project", project_id)
    assert proposal.right == Unit("record", record_ids(curator, later)[0])
    curator.apply_proposals([proposal])
    assert len(curator.project(project_id).members) == 3
    assert curator.proposals_for_articles(later) == []


def _row(record_id: int, **values: object) -> _Row:
    base = {
        "recipient": "KEN",
        "donor": "CHN",
        "year": 2021,
        "title": "kisumu general hospital",
        "amount": Decimal("100"),
        "currency": "USD",
        "project_id": None,
    }
    base.update(values)
    return _Row(record_id, **base)  # type: ignore[arg-type]


def test_scores_need_close_amounts_in_one_currency_and_near_years() -> None:
    same = score_pair(_row(1), _row(2))
    assert same is not None and same[0] == 1.0
    assert score_pair(_row(1), _row(2, amount=Decimal("104"))) is not None
    assert score_pair(_row(1), _row(2, amount=Decimal("106"))) is None
    assert score_pair(_row(1), _row(2, currency="CNY")) is None
    assert score_pair(_row(1), _row(2, year=2023)) is None
    assert score_pair(_row(1), _row(2, donor="JPN")) is None
    assert score_pair(_row(1), _row(2, recipient="TZA")) is None
    vague = score_pair(_row(1), _row(2, amount=None, year=None, donor=None))
    assert vague is not None and vague[0] < same[0]


def test_blocking_compares_a_window_of_amounts_not_every_pair(monkeypatch) -> None:
    import aidcurator.curation.project_dedupe as dedupe

    # amounts 1 % apart: each is within 5 % of about five neighbours
    rows = [_row(i, amount=(Decimal("1.01") ** i * 1000).quantize(Decimal(1))) for i in range(2000)]
    compared: list[tuple[int, int]] = []
    real = dedupe.score_pair

    def counting(a: _Row, b: _Row) -> object:
        compared.append((a.record_id, b.record_id))
        return real(a, b)

    monkeypatch.setattr(dedupe, "score_pair", counting)
    found = candidate_pairs(rows)
    assert len(compared) < 2000 * 6  # without blocking: 1,999,000 pairs
    assert (0, 1) in found and (0, 10) not in found


def test_groups_join_chains_of_proposals() -> None:
    a, b, c, d = (Unit("record", i) for i in range(4))
    p = Unit("project", 9)
    proposals = [
        Proposal(a, b, 0.9, (0, 1)),
        Proposal(b, p, 0.8, (1, 5)),
        Proposal(c, d, 0.5, (2, 3)),
    ]
    assert proposal_groups(proposals, 0.75) == [[p, a, b]]
    assert proposal_groups(proposals) == [[p, a, b], [c, d]]


def test_chinese_reports_of_one_project_become_one_project(real_curator: Curator) -> None:
    curator = real_curator
    articles = import_articles(curator, HOSPITAL_ZH)
    ids = record_ids(curator, articles)
    proposals = curator.proposals_for_articles(articles)
    assert {u for p in proposals for u in (p.left, p.right)} == {Unit("record", r) for r in ids}
    (outcome,) = curator.apply_proposals(proposals)
    view = curator.project(outcome.project_id)
    assert view.record_ids == tuple(ids)
    assert [e.status for e in view.events] == ["pledged", "committed", "completed"]
    assert (view.donor_code, view.recipient_code, view.amount_currency) == ("CHN", "KEN", "USD")


def test_many_twins_give_each_record_its_best_few_not_every_pair(monkeypatch) -> None:
    import aidcurator.curation.project_dedupe as dedupe

    # 300 records of one recipient, amount and year: every pair could be one project
    rows = [_row(i, title=f"kisumu general hospital {i % 7}") for i in range(300)]
    compared = 0
    real = dedupe._compare

    def counting(*args: object) -> object:
        nonlocal compared
        compared += 1
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(dedupe, "_compare", counting)
    found = candidate_pairs(rows)
    assert compared <= 300 * dedupe.WINDOW + len(found)  # (reasons for those kept); not 44,850 pairs
    per_record: dict[int, int] = {}
    for pair in found:
        for side in pair:
            per_record[side] = per_record.get(side, 0) + 1
    assert set(per_record) == set(range(300))  # every record keeps a proposal
    assert len(found) <= 300 * dedupe.PER_UNIT
    # a record's best twins: those with the same title, found among its neighbours
    assert all(a % 7 == b % 7 for a, b in found if found[a, b][0] == 1.0)


def test_best_per_unit_keeps_each_sides_best() -> None:
    from aidcurator.curation.project_dedupe import best_per_unit

    scores = {(0, i): 0.9 for i in range(1, 10)} | {(5, 6): 0.7, (7, 8): 0.95}
    kept = best_per_unit(scores, order=int, limit=1)
    # 0's best is 1 (a tie: the lower id); 1-6 and 9 keep theirs (0); 7 and 8 are each other's best
    assert set(kept) == {(0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (0, 6), (0, 9), (7, 8)}
    assert len(best_per_unit(scores, order=int, limit=2)) == len(scores)  # 5 and 6: 0.9 and 0.7


def test_records_without_amount_meet_the_most_alike_titles() -> None:
    rows = [_row(0, amount=None, currency=None, title="kisumu general hospital")]
    rows += [_row(i, title=f"phase {i} of {i}") for i in range(1, 60)]
    rows += [_row(60, title="kisumu general hospital handed over")]
    found = candidate_pairs(rows)
    assert (0, 60) in found
    assert not any(0 in pair and 60 not in pair for pair in found)
