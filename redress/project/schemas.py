"""The base every API input schema uses.

Unknown fields are refused by name, and so is a NUL character anywhere in a
text field: PostgreSQL cannot store one, and no resident's words contain it.
"""

from ninja import Schema
from pydantic import ConfigDict, field_validator


def has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(has_nul(item) for item in value)
    if isinstance(value, dict):
        return any(has_nul(item) for item in value.values())
    return False


class Input(Schema):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def refuse_nul(cls, value):
        if has_nul(value):
            raise ValueError("must not contain a NUL character")
        return value
