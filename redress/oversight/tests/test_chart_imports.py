"""matplotlib is loaded when a chart is drawn, not when the URLs load.

Checked in a fresh interpreter: in this one, another test may already have drawn a chart.
"""

from __future__ import annotations

import os
import subprocess
import sys

LOAD_URLS = """
import sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns  # imports the URLconf and every view module it names
print("views loaded:", "redress.oversight.dashboard.views" in sys.modules)
print("matplotlib loaded:", "matplotlib" in sys.modules)
"""

DRAW = """
import sys
import django
django.setup()
from redress.oversight import charts
from redress.oversight.dashboard import Table
table = Table("counts", "Complaints", "", ("Stage", "This", "Previous"), (("Stage 1", 3, 2),))
print("chart drawn:", "<svg" in charts.svg(table))
print("matplotlib loaded:", "matplotlib" in sys.modules)
"""


def _run(code: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "redress.project.settings.test"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


def test_loading_the_urls_does_not_import_matplotlib():
    out = _run(LOAD_URLS)
    assert "views loaded: True" in out  # the dashboard's views (and charts) were imported
    assert "matplotlib loaded: False" in out


def test_drawing_a_chart_imports_it():
    out = _run(DRAW)
    assert "chart drawn: True" in out
    assert "matplotlib loaded: True" in out
