"""Fixtures of the curation tests: curators on a fresh database, with the stub or the real extractor."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # curation_support beside this file

from curation_support import StubExtractor

from aidcurator.curation import Curator


@pytest.fixture
def stub() -> StubExtractor:
    return StubExtractor()


@pytest.fixture
def curator(engine, stub: StubExtractor) -> Curator:
    return Curator(engine, extractor=stub, actor="tester")


@pytest.fixture
def real_curator(engine) -> Curator:
    return Curator(engine, actor="tester")
