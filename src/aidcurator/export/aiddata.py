"""Curated projects as an AidData-compatible CSV: AidData's column names for the fields we have.

``gcof1`` writes GCOF 1.0 snake_case names (``project_id``, ``recipient_iso3``, ``usd_current`` …),
``gcdf3`` the GCDF 3.0 headers (``AidData Record ID``, ``Recipient ISO-3`` …); the columns and the
flow/status vocabularies are in ``resources/reference/aiddata.json``. Our own columns follow theirs
(``aidcurator_review_status``, ``reference_dataset``, ``reference_id``, ``reference_score``). Nominal
US dollars use the shipped rate tables (empty when there is no rate, never guessed). Written
atomically, UTF-8 with BOM, cells starting with ``=``, ``+``, ``-``, ``@`` neutralized, as every
CSV export is.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from aidcurator.domain.parties import PARTY_EXPORT_COLUMNS
from aidcurator.domain.projects import recommended_for_aggregates
from aidcurator.domain.reconcile import country_code, sector_group
from aidcurator.domain.values import ProjectStatus
from aidcurator.export import write_table
from aidcurator.export.atomic import ExportError
from aidcurator.export.usd import usd_converter
from aidcurator.resources import resource_path

#: Our columns after AidData's.
EXTRA_COLUMNS = ("aidcurator_review_status", "reference_dataset", "reference_id", "reference_score")


@cache
def _rules() -> dict[str, Any]:
    with resource_path("reference", "aiddata.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def aiddata_columns(flavour: str) -> list[str]:
    """The AidData column names written for ``flavour``, then ours."""
    return [name for name, _ in _spec(flavour)] + list(EXTRA_COLUMNS)


def aiddata_rows(rows: Iterable[Mapping[str, Any]], flavour: str = "gcof1") -> list[dict[str, Any]]:
    """Project rows (as ``store.reference.export_rows`` gives them) with AidData's column names."""
    spec = _spec(flavour)
    gcdf = flavour == "gcdf3"
    converter = usd_converter()
    out = []
    for row in rows:
        values = _values(row, converter, gcdf)
        item = {name: values.get(key) for name, key in spec}
        item["aidcurator_review_status"] = row.get("review_status")
        item["reference_dataset"] = row.get("reference_dataset")
        item["reference_id"] = row.get("reference_ref_id")
        item["reference_score"] = row.get("reference_score")
        out.append(item)
    return out


def write_aiddata_csv(
    rows: Iterable[Mapping[str, Any]], path: str | os.PathLike[str], *, flavour: str = "gcof1"
) -> Path:
    """Write :func:`aiddata_rows` to a CSV file atomically; returns the path."""
    return write_table(aiddata_rows(rows, flavour), path, "csv", columns=aiddata_columns(flavour))


def _spec(flavour: str) -> list[tuple[str, str]]:
    datasets = _rules()["datasets"]
    if flavour not in datasets:
        raise ExportError(f"unknown AidData column set {flavour!r}; choose {' or '.join(datasets)}")
    return [(name, key) for name, key in datasets[flavour]["export"]]


def _values(row: Mapping[str, Any], converter: Any, gcdf: bool) -> dict[str, Any]:
    rules = _rules()
    status = row.get("project_status")
    try:
        status_value = ProjectStatus(status) if status else None
    except ValueError:
        status_value = None
    umbrella = bool(row.get("umbrella"))
    recommended = recommended_for_aggregates(
        status_value, umbrella=umbrella, override=row.get("recommended_override")
    )
    group = sector_group(row.get("sector"))
    amount, currency, year = row.get("amount_value"), row.get("amount_currency"), row.get("commitment_year")
    usd = converter.convert(amount, currency, year).nominal if amount is not None else None
    yes_no = (lambda flag: "Yes" if flag else "No") if gcdf else (lambda flag: flag)
    return {
        "project_id": row.get("id"),
        "title": row.get("title"),
        "year": year,
        "donor": row.get("donor"),
        "recipient": row.get("recipient"),
        "recipient_code": country_code(row.get("recipient_code")),
        "amount": amount,
        "currency": currency,
        "usd_nominal": usd,
        "flow": rules["flow_out"].get(row.get("flow_type") or "", None),
        "status": rules["status_out"].get(status or "", None),
        "sector_code": int(group) if group else None,
        "sector_name": rules["sector_groups"].get(group or ""),
        "umbrella": yes_no(umbrella) if gcdf else int(umbrella),
        "recommended": yes_no(recommended),
        "sources_count": row.get("sources_count"),
        **{column: row.get(column) for column in PARTY_EXPORT_COLUMNS.values()},
    }
