"""The matcher over structured fields (made-up projects and references written for these tests)."""

from decimal import Decimal

from aidcurator.domain.reconcile import (
    ProjectFacts,
    ReferenceFacts,
    ReferenceIndex,
    best_matches,
    country_codes,
    score_pair,
    sector_group,
)


def _ref(id: int, **fields) -> ReferenceFacts:
    return ReferenceFacts(id=id, ref_id=f"R{id}", dataset="test", **fields)


REFS = [
    _ref(
        1,
        recipient_code="KEN",
        year=2010,
        amount=Decimal("300000000"),
        currency="CNY",
        sector_code="120",
        flow_type="grant",
        title="China builds a hospital in Kisumu",
    ),
    _ref(
        2,
        recipient_code="KEN",
        year=2010,
        amount=Decimal("45000000"),
        currency="USD",
        sector_code="210",
        flow_type="loan",
        title="China lends for the Thika road",
    ),
    _ref(
        3,
        recipient_code="KEN",
        year=2012,
        amount=None,
        currency=None,
        sector_code="110",
        flow_type="scholarship",
        title="Scholarships for Kenyan students",
    ),
    _ref(
        4,
        recipient_code="TZA",
        year=2010,
        amount=Decimal("300000000"),
        currency="CNY",
        sector_code="120",
        flow_type="grant",
        title="China builds a hospital in Dodoma",
    ),
    _ref(
        5,
        recipient_code="Africa, regional; TZA; ZMB",
        year=2008,
        amount=Decimal("12000000"),
        currency="USD",
        sector_code="210",
        flow_type="loan",
    ),
]
INDEX = ReferenceIndex.build(REFS)


def test_exact_amount_year_sector_in_the_recipient_ranks_first_with_reasons() -> None:
    project = ProjectFacts(
        id=1,
        recipient_code="KEN",
        year=2010,
        amount=Decimal("300000000"),
        currency="CNY",
        sector="121",
        flow_type="grant",
    )
    ranked = best_matches(project, INDEX)
    assert [c.ref_id for c in ranked][:2] == ["R1", "R4"]  # R4 has the same amount in another country
    assert ranked[0].score > 0.95  # everything agrees; the project names no donor
    assert "amount 300,000,000 CNY vs 300,000,000 CNY: equal" in ranked[0].reasons
    assert "sector 120" in ranked[0].reasons and "recipient KEN" in ranked[0].reasons
    assert 0 <= ranked[1].score < ranked[0].score


def test_a_year_off_by_one_costs_less_than_a_wrong_amount() -> None:
    project = ProjectFacts(
        id=2,
        recipient_code="KEN",
        year=2011,
        amount=Decimal("45000000"),
        currency="USD",
        flow_type="interest_free_loan",
    )
    ranked = best_matches(project, INDEX)
    assert ranked[0].ref_id == "R2"  # interest-free loans compare as loans
    assert "year 2011 vs 2010" in ranked[0].reasons
    assert ranked[0].score < 1.0


def test_amounts_in_different_currencies_compare_through_us_dollars() -> None:
    project = ProjectFacts(
        id=3,
        recipient_code="KEN",
        year=2010,
        amount=Decimal("6100000000"),
        currency="KES",
        usd=Decimal("45500000"),
    )
    ref = _ref(
        9,
        recipient_code="KEN",
        year=2010,
        amount=Decimal("45000000"),
        currency="USD",
        usd=Decimal("45000000"),
    )
    candidate = score_pair(project, ref)
    far = score_pair(
        project,
        _ref(
            10,
            recipient_code="KEN",
            year=2010,
            amount=Decimal("90000000"),
            currency="USD",
            usd=Decimal("90000000"),
        ),
    )
    assert candidate.score > 0.8 > far.score
    assert any("same" in reason and "KES" in reason for reason in candidate.reasons)


def test_a_reference_without_an_amount_ranks_between_agreeing_and_disagreeing_ones() -> None:
    base = dict(recipient_code="KEN", year=2012, sector_code="110")
    project = ProjectFacts(
        id=4, recipient_code="KEN", year=2012, amount=Decimal("1000000"), currency="USD", sector="114"
    )
    agreeing = score_pair(project, _ref(1, amount=Decimal("1000000"), currency="USD", **base)).score
    missing = score_pair(project, _ref(2, **base)).score
    far = score_pair(project, _ref(3, amount=Decimal("9000000"), currency="USD", **base)).score
    assert agreeing > missing > far


def test_blocking_keeps_other_recipients_out_unless_amount_and_year_are_theirs() -> None:
    project = ProjectFacts(id=5, recipient_code="KEN", year=2009, amount=Decimal("12000000"), currency="USD")
    ids = {ref.id for ref in INDEX.block(project)}
    assert ids == {1, 2, 3, 5}  # Kenya's three, and the regional project of 2008 with exactly this amount
    later = ProjectFacts(id=5, recipient_code="KEN", year=2012, amount=Decimal("12000000"), currency="USD")
    assert {ref.id for ref in INDEX.block(later)} == {1, 2, 3}  # four years apart: not proposed
    regional = ProjectFacts(id=6, recipient_code="ZMB", year=2008)
    assert [c.ref_id for c in best_matches(regional, INDEX)] == ["R5"]


def test_a_project_without_a_country_is_compared_with_its_year() -> None:
    project = ProjectFacts(id=7, recipient_code="cn-guangdong", year=2012, sector="111")
    assert [c.ref_id for c in best_matches(project, INDEX)] == ["R3"]
    assert best_matches(ProjectFacts(id=8), INDEX) == []


def test_a_project_that_states_little_cannot_score_high() -> None:
    vague = best_matches(ProjectFacts(id=11, recipient_code="KEN"), INDEX)
    assert len(vague) == 3 and all(c.score <= 0.65 for c in vague)


def test_titles_count_when_the_project_has_one() -> None:
    project = ProjectFacts(id=9, recipient_code="KEN", year=2010, title="Kisumu hospital built by China")
    ranked = best_matches(project, INDEX)
    assert ranked[0].ref_id == "R1"
    assert any(reason.startswith("title ") for reason in ranked[0].reasons)


def test_rejected_references_are_not_proposed() -> None:
    project = ProjectFacts(
        id=10, recipient_code="KEN", year=2010, amount=Decimal("300000000"), currency="CNY"
    )
    assert best_matches(project, INDEX, excluded=frozenset({1}))[0].ref_id != "R1"


def test_codes_and_sector_groups() -> None:
    assert country_codes("Africa, regional; TZA; ZMB") == ("TZA", "ZMB")
    assert country_codes("cn-guangdong") == ()
    assert sector_group("121") == "120" and sector_group("72010") == "700" and sector_group("12") is None


def test_the_fast_ranking_score_equals_the_explained_score() -> None:
    import random

    from aidcurator.domain.reconcile_scoring import _fast_score, _Normal

    rng = random.Random(7)

    def pick(*values):
        return rng.choice(values)

    def facts(kind, id: int):
        fields = dict(
            recipient_code=pick(None, "KEN", "TZA", "Africa, regional; TZA; ZMB", "cn-guangdong"),
            recipient=pick(None, "Kenya", "Africa, regional", "  "),
            year=pick(None, 2009, 2010, 2011, 2013),
            amount=pick(None, Decimal("1000000"), Decimal("1004000"), Decimal("2500000")),
            currency=pick(None, "USD", "CNY", "usd"),
            usd=pick(None, Decimal("1000000"), Decimal("1030000"), Decimal("400000")),
            donor=pick(None, "China", "中国", " "),
            donor_code=pick(None, "CHN", "chn", "JPN"),
            flow_type=pick(None, "grant", "loan", "interest_free_loan", "unknown"),
            title=pick(None, "", "Made-up clinic in Kisumu", "Kisumu clinic"),
        )
        if kind is ReferenceFacts:
            return ReferenceFacts(
                id=id, ref_id=str(id), sector_code=pick(None, "120", "998", "210", "12"), **fields
            )
        return ProjectFacts(id=id, sector=pick(None, "121", "111", "720", "x"), **fields)

    for number in range(3000):
        project, ref = facts(ProjectFacts, number), facts(ReferenceFacts, number)
        fast = _fast_score(_Normal.of_project(project), _Normal.of_reference(ref))
        assert fast == score_pair(project, ref).score, (project, ref)
