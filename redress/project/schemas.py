"""The base every API input schema uses.

Unknown fields are refused by name. Every text in a body, in a list or not, is normalised
once before it is checked (redress/code/text.py: invisible characters dropped, NFC, ends
stripped), so a required answer of zero-width spaces arrives empty and is refused by the
service that needs it; a NUL or a lone surrogate, which no database stores, is refused here
by field name (422), never left to fail in the database (500).
"""

from ninja import Schema
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
