"""The base every API input schema uses.

Unknown fields are refused by name. Every text in a body, in a list or not, is normalised
once before it is checked (redress/code/text.py: invisible characters dropped, NFC, ends
stripped), so a required answer of zero-width spaces arrives empty and is refused by the
service that needs it; a NUL or a lone surrogate, which no database stores, is refused here
by field name (422), never left to fail in the database (500).

Every text carries a width (`column`, `Text`): the one of the column it is stored in, read
from the model, so an over-long value is refused by name too (project/tests/test_api_widths
sends one to every text of every write route). A column with choices lists them, as the
values the service takes: it refuses any other by name, citing the rule where there is one.
"""

import datetime as dt
import re
import types
from decimal import Decimal
from typing import Annotated, Any, Union, get_args, get_origin

from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, ValidationInfo, WithJsonSchema, field_validator

from redress.code.text import clean_each

# What the schema says of every text: no NUL (the normaliser refuses one, by name).
NO_NUL = "^[^\\u0000]*$"


def _document(schema: dict, model) -> None:
    """The schema says what the validators check: a text has no NUL, and a required text
    is not empty (the service that needs it refuses one that is empty once normalised)."""
    required = set(schema.get("required", ()))
    for name, prop in schema.get("properties", {}).items():
        for branch in _strings(prop):
            branch["pattern"] = NO_NUL
            if name in required and branch is prop:
                branch.setdefault("minLength", 1)


def _strings(prop: dict):
    """The plain text schemas in `prop`, itself, its options or its items."""
    if prop.get("type") == "string" and not {"enum", "format", "pattern"} & set(prop):
        yield prop
    for branch in prop.get("anyOf", ()):
        yield from _strings(branch)
    if "items" in prop:
        yield from _strings(prop["items"])


# What a value must be, before pydantic's lenient reading: a JSON boolean, a JSON integer,
# and dates and times in the schema's formats (a time with its offset, RFC 3339), never a
# number of seconds since 1970 nor a time whose zone is a guess.
DATE = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")
DATE_TIME = re.compile(
    f"{DATE.pattern}T[0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}([.][0-9]{{1,6}})?(Z|[+-][0-9]{{2}}:[0-9]{{2}})",
    re.IGNORECASE,
)
STRICT = {
    bool: (lambda v: isinstance(v, bool), "must be true or false"),
    int: (lambda v: type(v) is int, "must be a whole number"),
    dt.date: (lambda v: isinstance(v, str) and DATE.fullmatch(v), "must be a date: 2026-12-05"),
    dt.datetime: (
        lambda v: isinstance(v, str) and DATE_TIME.fullmatch(v),
        "must be a date and time with its offset: 2026-12-05T10:00:00Z",
    ),
}


def _scalar(annotation):
    """`kind` for `kind` or `kind | None`, for each kind in STRICT; else None."""
    if get_origin(annotation) in (Union, types.UnionType):
        kinds = [a for a in get_args(annotation) if a is not type(None)]
        annotation = kinds[0] if len(kinds) == 1 else None
    return annotation if annotation in STRICT else None


class Input(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_document)

    @field_validator("*", mode="before")
    @classmethod
    def normalise_text(cls, value, info: ValidationInfo):
        kind = _scalar(cls.model_fields[info.field_name].annotation)
        if kind is not None and value is not None and not STRICT[kind][0](value):
            raise ValueError(STRICT[kind][1])
        # Not into a nested schema's dict: that schema cleans its own fields, so a refusal
        # names the field inside it ("decisions.0.point").
        return clean_each(value)


# Free text (a TextField, or words kept in a JSON record or an event) is bounded too: far
# beyond any letter a resident writes, well inside a request's size limit.
TEXT = 20_000

Text = Annotated[str, Field(max_length=TEXT)]

# An amount in pounds: a JSON number, or a string of digits with at most two decimals.
POUNDS = "^[0-9]{1,8}([.][0-9]{1,2})?$"


def _pounds(value):
    if isinstance(value, bool) or (isinstance(value, str) and not re.fullmatch(POUNDS, value)):
        raise ValueError("enter an amount in pounds, like 150 or 150.00")
    return value


Money = Annotated[
    Decimal,
    BeforeValidator(_pounds),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "pattern": POUNDS}]}),
]


def column(model, name: str, default: Any = ...) -> Any:
    """A schema field as wide as the model's column it is stored in: a CharField's (or an
    EmailField's) max_length, or TEXT for a TextField, and, when the column has choices,
    the schema lists them (and "" where that is the field's default). Read from the model,
    so the two cannot drift; longer is a 422 naming the field, never a database error."""
    field = model._meta.get_field(name)
    choices = [value for value, _ in field.choices or () if value != ""]
    extra = {"enum": [""] * (default == "") + choices} if choices else None
    return Field(default, max_length=field.max_length or TEXT, json_schema_extra=extra)
