"""Reading the decision on each point of a stage's stored response, in SQL, on both databases.

A stage's response is JSON with `decisions: [{point, decision}]`. Counting them
per point (oversight's decisions table, the contractors' upheld complaints) means
unnesting that list in the database: SQLite's json_each, PostgreSQL's
jsonb_array_elements (guarded, since a response without a list of decisions
must count as none rather than fail). Both figures build their query from here.
"""

from __future__ import annotations

from django.db import connections, router

from redress.cases.models import Complaint, Stage

UPHELD = ("upheld", "partly_upheld")

# `s` is the stage row; each of its decisions becomes a row `d`.
_EACH_DECISION = {
    "sqlite": "JOIN json_each(s.response, '$.decisions') d",
    "postgresql": """CROSS JOIN LATERAL jsonb_array_elements(
        CASE WHEN jsonb_typeof(s.response -> 'decisions') = 'array'
             THEN s.response -> 'decisions' ELSE '[]'::jsonb END) d""",
}
_DECISION = {
    "sqlite": "json_extract(d.value, '$.decision')",
    "postgresql": "d ->> 'decision'",
}


def decisions_sql(select: str, where: str, group_by: str, *, complaint: bool = True) -> str:
    """A query over every decided point: stages `s`, each decision `d`, and (unless the
    query needs nothing of it) the stage's complaint `c`. `{decision}` in the arguments
    is the point's decision."""
    vendor = _connection().vendor
    decision = _DECISION[vendor]
    joined = f"JOIN {Complaint._meta.db_table} c ON c.id = s.complaint_id " if complaint else ""
    return (
        f"SELECT {select.format(decision=decision)} "
        f"FROM {Stage._meta.db_table} s "
        f"{joined}"
        f"{_EACH_DECISION[vendor]} "
        f"WHERE {where.format(decision=decision)} "
        f"GROUP BY {group_by}"
    )


def _connection():
    """Where a read of stages goes: the read replica inside a report's `using_replica()`
    (redress/infra/routers.py), the primary otherwise."""
    return connections[router.db_for_read(Stage)]


def fetch(sql: str, params: list) -> list[tuple]:
    with _connection().cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
