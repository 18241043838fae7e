"""Cases in the states letters are written in, built through the API as staff build them."""

from __future__ import annotations

import pytest

from redress.cases.tests.factories import case_in


@pytest.fixture
def responded(officer):
    """Stage 1 answered: one point upheld, no remedy and no outstanding action recorded."""
    return case_in("stage1_responded", officer)


@pytest.fixture
def closed(officer, second_handler):
    return case_in("closed", officer, second_handler)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
