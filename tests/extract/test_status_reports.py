"""Status rules for reported gifts, the money as subject of 'will help', and a cancelled part
(resources/rules/flows.json; own sentences)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aidcurator.domain import ProjectStatus
from aidcurator.extract import extract


def _status(text: str, value: str) -> ProjectStatus | None:
    result = extract(text)
    record = next(r for r in result.records if r.amounts[0].value == Decimal(value))
    return record.project_status


@pytest.mark.parametrize(
    ("text", "value", "status"),
    [
        # a gift announced as already made is done, not pledged
        (
            "In May 2004 the ministry of Ruritania announced that China had given 6 million dollars "
            "for rural wells.",
            "6000000",
            ProjectStatus.COMPLETED,
        ),
        (
            "The embassy said the Chinese government had already granted 2 million dollars "
            "to the flood victims.",
            "2000000",
            ProjectStatus.COMPLETED,
        ),
        # an announcement of what will be given stays a pledge
        (
            "The minister announced that China would give 9 million dollars for new clinics.",
            "9000000",
            ProjectStatus.PLEDGED,
        ),
        # the money (not the donor) as subject of 'will help' is no pledge: a loan stays committed
        (
            "China lent Ruritania 40 million dollars for its power grid. The loan will help the utility "
            "reach remote villages.",
            "40000000",
            ProjectStatus.COMMITTED,
        ),
        (
            "A 15 million dollar loan for the harbour, which will help fishermen, was agreed in June.",
            "15000000",
            ProjectStatus.COMMITTED,
        ),
        # the donor as subject of 'will help' is still a pledge
        (
            "China will help Ruritania with 5 million dollars for its schools.",
            "5000000",
            ProjectStatus.PLEDGED,
        ),
        # one named part cancelled is not the project's status
        (
            "China lent 30 million dollars for the road in two tranches. The road was handed over in "
            "2010; tranche B was cancelled in 2012 when the works cost less.",
            "30000000",
            ProjectStatus.COMPLETED,
        ),
        # the project itself, or both parts, cancelled
        (
            "China funded the 30 million dollar road in two phases. In 2012 both phase 1 and phase 2 "
            "were cancelled.",
            "30000000",
            ProjectStatus.CANCELLED,
        ),
        # a headline that says the donor is to give: a pledge when the body names no stage
        (
            "China to grant 4 million dollars to Ruritanian farmers\n\n"
            "In 2009 China provided aid worth 4 million dollars to Ruritanian farmers.",
            "4000000",
            ProjectStatus.PLEDGED,
        ),
        # ... but a signing in the body still decides
        (
            "China to grant 4 million dollars to Ruritanian farmers\n\n"
            "The agreement on the 4 million dollar grant was signed in May 2009.",
            "4000000",
            ProjectStatus.COMMITTED,
        ),
        # no sign that the money arrived: still a pledge
        (
            "China offered Ruritania a 7 million dollar grant for flood relief. There is no sign that "
            "the grant was ever delivered.",
            "7000000",
            ProjectStatus.PLEDGED,
        ),
        (
            "In 2010 China gave 7 million dollars for flood relief; there is no evidence of its "
            "disbursement so far.",
            "7000000",
            ProjectStatus.PLEDGED,
        ),
        # only part of the works done: still under way
        (
            "A 90 million dollar Chinese loan funds 5,000 flats. By 2015 only 800 of the flats had been "
            "completed.",
            "90000000",
            ProjectStatus.IMPLEMENTATION,
        ),
        # an earlier project's completion (even after a clause) is not this project's
        (
            "China granted 20 million dollars in 2012 to extend the college; the works began in 2013. The "
            "previous extension of the college, for a library, was completed in 2008.",
            "20000000",
            ProjectStatus.IMPLEMENTATION,
        ),
        # a signing only as a condition is no signing
        (
            "Ruritania asked China for a 60 million dollar loan; if approved, China would lend the money "
            "over 20 years.",
            "60000000",
            ProjectStatus.PLEDGED,
        ),
        # a signed pledge is a pledge
        (
            "The two ministers met in June, signing a pledge for China to give 3 million dollars to the "
            "island's hospitals.",
            "3000000",
            ProjectStatus.PLEDGED,
        ),
        # a memorandum signed by both sides is still a pledge
        (
            "Under a memorandum of understanding signed by both banks in 2011, the Chinese bank would lend "
            "200 million dollars for housing.",
            "200000000",
            ProjectStatus.PLEDGED,
        ),
        # 'handed to/on' without 'over' is a handover too
        (
            "In 2008 the two governments signed an agreement on a gift of tents worth 2 million dollars. "
            "The tents were handed to the red cross on 3 March 2009.",
            "2000000",
            ProjectStatus.COMPLETED,
        ),
        # an inauguration of something else as the occasion of a signing
        (
            "During his visit for the inauguration of a new stadium, the minister signed an agreement on a new "
            "grant of 11 million dollars for rural roads.",
            "11000000",
            ProjectStatus.COMMITTED,
        ),
        # the inauguration of a first unit: the rest is still under way
        (
            "The 80 million dollar Chinese loan funds a hydropower dam. Officials attended the "
            "inauguration of the first turbine unit of the dam in May.",
            "80000000",
            ProjectStatus.IMPLEMENTATION,
        ),
        # talks or a tender under way are not the works under way
        (
            "China signed a loan of 25 million dollars for a water plant in 2008. By June the tender "
            "process between the firms chosen by both ministries was underway.",
            "25000000",
            ProjectStatus.COMMITTED,
        ),
        (
            "China lent 14 million dollars for the port in 2010; talks on the design were still ongoing.",
            "14000000",
            ProjectStatus.COMMITTED,
        ),
        # a crisis, not the project, is ongoing
        (
            "China lent 50 million dollars to the central bank amid an ongoing financial crisis.",
            "50000000",
            ProjectStatus.COMMITTED,
        ),
        # ongoing and future projects in a speech are no stage
        (
            "The mayor praised ongoing and future projects, among them a 1 million dollar Chinese loan for "
            "a market.",
            "1000000",
            ProjectStatus.COMMITTED,
        ),
        # doubt that the works began, or about what the money funds
        (
            "China lent 9 million dollars for the road in 2011. It does not appear that any construction "
            "has begun.",
            "9000000",
            ProjectStatus.COMMITTED,
        ),
        # figurative 'sent into' and a future 'will see ... distributed' are no delivery
        (
            "China signed a 30 million dollar loan for the airline in 2007, before losses sent the "
            "airline into bankruptcy.",
            "30000000",
            ProjectStatus.COMMITTED,
        ),
        (
            "China signed an 8 million dollar grant for school computers; the plan will see some 5,000 "
            "laptops distributed next year.",
            "8000000",
            ProjectStatus.COMMITTED,
        ),
        # the loan, not the lender, as subject of 'would finance'
        (
            "The bank arranged a 70 million dollar loan from a Chinese lender. The loan would finance "
            "new trucks for the mine.",
            "70000000",
            ProjectStatus.COMMITTED,
        ),
        # a grant 'originally pledged' in an earlier year is history, not the stage
        (
            "China gave Ruritania a 3 million dollar grant for its ministries. The grant was originally "
            "pledged in 2001.",
            "3000000",
            ProjectStatus.COMPLETED,
        ),
    ],
)
def test_status_reports(text: str, value: str, status: ProjectStatus) -> None:
    assert _status(text, value) == status
