"""More project status rules of resources/rules/flows.json (own sentences, English and Chinese)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aidcurator.domain import ProjectStatus
from aidcurator.extract import extract, flows

DONE, WORKS, SIGNED, PLEDGED = (
    ProjectStatus.COMPLETED,
    ProjectStatus.IMPLEMENTATION,
    ProjectStatus.COMMITTED,
    ProjectStatus.PLEDGED,
)


def _status(text: str, value: str) -> ProjectStatus | None:
    record = next(r for r in extract(text).records if r.amounts[0].value == Decimal(value))
    return record.project_status


@pytest.mark.parametrize(
    ("text", "value", "status"),
    [
        # works under way: ground breaking with a space, under implementation, a signed construction
        # contract, a contractor at work, a launch of the works, a tender awarded, a foundation ceremony
        (
            "The loan of 9 million dollars was signed; the ground breaking took place in May.",
            "9000000",
            WORKS,
        ),
        ("该项目使用中方贷款9000万元，去年举行奠基仪式。", "90000000", WORKS),
        ("The 40 million dollar water project, signed in 2012, is under implementation.", "40000000", WORKS),
        ("该供水项目使用中方贷款4000万元，目前执行中。", "40000000", WORKS),
        (
            "Ruritania signed a loan of 7 million dollars and awarded a Chinese firm the construction contract.",
            "7000000",
            WORKS,
        ),
        ("中方贷款7000万元，业主已与中国企业签订施工合同。", "70000000", WORKS),
        (
            "The loan of 12 million dollars was signed; the works are carried out by a Chinese company.",
            "12000000",
            WORKS,
        ),
        ("中方贷款1.2亿元的公路项目正在由中国企业承建。", "120000000", WORKS),
        (
            "The 3 million dollar grant was signed and the firm launched the construction in June.",
            "3000000",
            WORKS,
        ),
        ("中方提供300万元无偿援助，该项目已启动实施。", "3000000", WORKS),
        (
            "The 5 million dollar loan was signed; the ministry awarded a local builder the tender.",
            "5000000",
            WORKS,
        ),
        ("中方贷款5000万元，一家中国公司中标。", "50000000", WORKS),
        (
            "The 2 million dollar grant was signed and a foundation ceremony was held in March.",
            "2000000",
            WORKS,
        ),
        # a first part done is works under way, not the end of the project
        (
            "The loan of 30 million dollars was signed; the first shipment of rails arrived in May.",
            "30000000",
            WORKS,
        ),
        ("中方贷款3亿元，首批设备已运抵港口。", "300000000", WORKS),
        # a percentage done: under way
        ("By June 40 percent of the 8 million dollar road was complete.", "8000000", WORKS),
        ("By June the 8 million dollar road was 40% complete.", "8000000", WORKS),
        ("该公路项目使用中国优惠贷款3亿元，目前工程已完成60%。", "300000000", WORKS),
        # resumed works outrank a suspension; operations resumed are a completion
        (
            "Work on the 6 million dollar clinic was suspended in 2011 but resumed in 2012.",
            "6000000",
            WORKS,
        ),
        ("总投资600万元的诊所去年停工，今年已复工。", "6000000", WORKS),
        (
            "The 6 million dollar mill was finished in 2010; operations resumed after the floods.",
            "6000000",
            DONE,
        ),
        # done: completed with a date or a quantity, ended in, opened in, declared open, in operation,
        # reported as complete, now complete, carried out by (past), turned over to
        ("The 4 million dollar school was signed in 2008 and completed March 2010.", "4000000", DONE),
        (
            "Under the 11 million dollar loan China completed 15,000 square metres of housing.",
            "11000000",
            DONE,
        ),
        ("The 9 million dollar grant was signed; work began in 2005 and ended in 2007.", "9000000", DONE),
        ("中方援助900万元的项目于2005年开工，工程已于2007年结束。", "9000000", DONE),
        ("The 20 million dollar theatre, agreed in 2007, opened in April 2011.", "20000000", DONE),
        ("总投资1亿元的大桥上月通车。", "100000000", DONE),
        ("The 5 million dollar stadium was declared open by the president.", "5000000", DONE),
        ("中方援建的体育馆总投资8000万元，已于去年10月正式揭牌。", "80000000", DONE),
        ("The 3 million dollar mill, signed in 2001, is still in operation.", "3000000", DONE),
        ("中方贷款300万元建设的磨坊至今正常运行。", "3000000", DONE),
        ("The 2 million dollar well project was reported as completed in 2009.", "2000000", DONE),
        (
            "The grant of 2 million dollars was signed in 2004 and the library is now complete.",
            "2000000",
            DONE,
        ),
        ("中方提供200万元无偿援助的图书馆现已完工。", "2000000", DONE),
        (
            "The 7 million dollar road was signed in 2003 and was carried out by a Chinese firm.",
            "7000000",
            DONE,
        ),
        (
            "The 4 million dollar grant was signed; China turned the new wing over to the hospital in 2010.",
            "4000000",
            DONE,
        ),
        # no stage cue: future, hedged, negated, about something else
        (
            "A grant agreement of 5 million dollars was signed; once completed, the plant will serve 9 towns.",
            "5000000",
            SIGNED,
        ),
        ("双方签署协议，中方提供2000万元无偿援助，建成后将服务10万人。", "20000000", SIGNED),
        (
            "A loan agreement of 5 million dollars was signed; the equipment will be sent next year.",
            "5000000",
            SIGNED,
        ),
        ("双方签署协议，中方提供2000万元无偿援助，目前尚未交付。", "20000000", SIGNED),
        (
            "A 6 million dollar loan agreement was signed, but the funds haven't been disbursed.",
            "6000000",
            SIGNED,
        ),
        (
            "A 6 million dollar loan agreement was signed; the clinic may have been completed.",
            "6000000",
            SIGNED,
        ),
        (
            "A 6 million dollar loan agreement was signed; it is likely that the clinic was completed.",
            "6000000",
            SIGNED,
        ),
        (
            "A 6 million dollar loan agreement was signed; the feasibility study was completed in May.",
            "6000000",
            SIGNED,
        ),
        ("双方签署6000万元贷款协议，可行性研究已完成。", "60000000", SIGNED),
        (
            "A grant agreement of 1 million dollars was signed; China previously donated a school there.",
            "1000000",
            SIGNED,
        ),
        ("双方签署100万元援助协议，中方此前援建了一所学校。", "1000000", SIGNED),
        (
            "A 1 million dollar grant agreement was signed; the previous hospital was built in 1990.",
            "1000000",
            SIGNED,
        ),
        (
            "A 4 million dollar loan was signed; the minister was received by the president.",
            "4000000",
            SIGNED,
        ),
        (
            "A 4 million dollar loan agreement was signed; oil sent to China repays it.",
            "4000000",
            SIGNED,
        ),
        (
            "A 4 million dollar loan agreement was signed; there is no indication the money was delivered.",
            "4000000",
            SIGNED,
        ),
        (
            "The 8 million dollar loan was signed; the contractor is to begin building in May.",
            "8000000",
            SIGNED,
        ),
        ("双方签署8000万元贷款协议，项目将于明年动工。", "80000000", SIGNED),
        (
            "A 4 million dollar loan agreement was signed; works have yet to begin.",
            "4000000",
            SIGNED,
        ),
        (
            "A 9 million dollar loan agreement was signed despite the ongoing war.",
            "9000000",
            SIGNED,
        ),
        # an opening ceremony of a conference, progress of a rescue, resumption of normal life: no stage
        (
            "At the opening ceremony of the forum the premier said China would provide a 5 million dollar grant.",
            "5000000",
            PLEDGED,
        ),
        ("总理在论坛开幕式上宣布，中方将提供500万元无偿援助。", "5000000", PLEDGED),
        (
            "A 2 million dollar grant agreement was signed; the envoy was briefed on the progress of the talks.",
            "2000000",
            SIGNED,
        ),
        (
            "A 2 million dollar grant agreement was signed to help an early resumption of normal life.",
            "2000000",
            SIGNED,
        ),
        # a pledge: was to give, planned to give, in talks, pledged to hand over
        ("China was to donate medicines worth 300,000 dollars to Ruritania.", "300000", PLEDGED),
        ("China planned to provide 2 million dollars for the flood victims.", "2000000", PLEDGED),
        ("The two governments are in talks over a 9 million dollar loan.", "9000000", PLEDGED),
        ("双方正在谈判一笔5亿元的贷款。", "500000000", PLEDGED),
        ("China pledged to hand over 30 trucks worth 2 million dollars.", "2000000", PLEDGED),
        ("中方承诺将移交价值500万元的设备。", "5000000", PLEDGED),
        # a pledge announced and other agreements signed the same day: still a pledge
        (
            "China announced it would provide a 6 million dollar loan; other agreements signed that day "
            "cover trade.",
            "6000000",
            PLEDGED,
        ),
        ("中方宣布将向该国提供2亿元无偿援助。双方还签署了其他合作协议。", "200000000", PLEDGED),
        # a memorandum or framework agreement is a pledge, with an amount or more words in between
        ("The two sides signed a $90 million MoU on an ethanol plant.", "90000000", PLEDGED),
        (
            "The two sides signed a framework cooperation agreement on a 60 million dollar loan.",
            "60000000",
            PLEDGED,
        ),
    ],
)
def test_status_cue(text: str, value: str, status: ProjectStatus) -> None:
    assert _status(text, value) is status


def test_a_paragraph_without_an_amount_goes_on_with_the_story() -> None:
    text = (
        "A hospital for Ruritania\n\n"
        "Ruritania and China signed a grant of 5 million dollars for a hospital in 2008.\n\n"
        "The hospital was handed over to the health ministry in 2011."
    )
    assert _status(text, "5000000") is DONE


def test_the_story_stops_at_the_next_amount() -> None:
    text = (
        "A hospital for Ruritania\n\n"
        "Ruritania and China signed a grant of 5 million dollars for a hospital in 2008.\n\n"
        "A loan of 8 million dollars for a port followed; the port was handed over in 2011."
    )
    assert _status(text, "5000000") is SIGNED


def test_the_story_goes_on_in_chinese() -> None:
    text = "援建医院\n\n双方签署协议，中方提供5000万元无偿援助建设医院。\n\n该医院已于2011年竣工。"
    assert _status(text, "50000000") is DONE


@pytest.mark.parametrize(
    "text",
    [
        "The 9 million dollar school was handed over in 2011; work on a clinic is still under construction.",
        "China pledged 3 million dollars; the loan agreement was signed and the ground breaking followed.",
        "中方承诺提供5000万元无偿援助，双方签署协议，项目已于去年竣工并移交。",
        "It is unclear whether the 2 million dollar grant was delivered; the works have yet to begin.",
    ],
)
def test_cues_dispatched_on_their_first_character_match_as_the_plain_pattern(text: str) -> None:
    rules = flows._rules()
    for cues in (rules.flow_pattern, rules.status_pattern, rules.exceptions, rules.headline_pattern):
        plain = [(m.span(), flows._entry(m.lastgroup)) for m in cues.pattern.finditer(text) if m.lastgroup]
        dispatched = [(m.span(), flows._entry(m.lastgroup)) for m in cues.finditer(text) if m.lastgroup]
        assert dispatched == plain


def test_cues_dispatched_on_two_ascii_characters_match_as_on_the_first_one() -> None:
    """Trying at two ASCII characters only the cues that can start with both finds what the pattern of
    the first character finds, at every place of random strings of cue words (any case, odd letters)."""
    import random

    rules = flows._rules()
    pieces = ["to be ", "is expected to ", "has been ", "handed over", "signed", "loan", "grant", " ", ", "]
    pieces += ["The ", "TO ", "Th", "\u212a", "ſ", "İ", "-", "项目", "已", "竣工", "签署"]
    chooser = random.Random(11)
    for _ in range(1500):
        text = "".join(chooser.choice(pieces) for _ in range(chooser.randint(1, 10)))
        text = chooser.choice([text, text.upper(), text.title()])
        starts = list(range(len(text)))
        for cues in (rules.flow_pattern, rules.status_pattern, rules.exceptions, rules.headline_pattern):
            expected, last = [], 0
            for start in starts:
                pattern = cues.compiled_for(cues.by_char, text[start]) if start >= last else None
                if pattern is not None and (found := pattern.match(text, start)) is not None:
                    expected.append((found.span(), flows._entry(found.lastgroup)))
                    last = found.end()
            got = [(m.span(), flows._entry(m.lastgroup)) for m in cues.at(text, starts, 0, len(text))]
            assert got == expected, text
