"""The base every API input schema uses.

Unknown fields are refused by name. Every text in a body, in a list or not, is normalised
once before it is checked (redress/code/text.py: invisible characters dropped, NFC, ends
stripped), so a required answer of zero-width spaces arrives empty and is refused by the
service that needs it; a NUL or a lone surrogate, which no database stores, is refused here
by field name (422), never left to fail in the database (500).

Every text carries a width (`column`, `Text`): the one of the column it is stored in, read
from the model, so an over-long value is refused by name too (project/tests/test_api_widths
sends one to every text of every write route).
"""

from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

from redress.code.text import clean_each


class Input(Schema):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def normalise_text(cls, value):
        # Not into a nested schema's dict: that schema cleans its own fields, so a refusal
        # names the field inside it ("decisions.0.point").
        return clean_each(value)


# Free text (a TextField, or words kept in a JSON record or an event) is bounded too: far
# beyond any letter a resident writes, well inside a request's size limit.
TEXT = 20_000

Text = Annotated[str, Field(max_length=TEXT)]


def column(model, name: str, default: Any = ...) -> Any:
    """A schema field as wide as the model's column it is stored in: a CharField's (or an
    EmailField's) max_length, or TEXT for a TextField. Read from the model, so the two
    cannot drift; longer is a 422 naming the field, never a database error."""
    return Field(default, max_length=model._meta.get_field(name).max_length or TEXT)
