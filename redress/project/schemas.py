"""The base every API input schema uses: unknown fields are refused, by name."""

from ninja import Schema
from pydantic import ConfigDict


class Input(Schema):
    model_config = ConfigDict(extra="forbid")


class Output(Schema):
    pass
