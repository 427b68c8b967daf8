"""The record contract: one YAML record per source document.

Field names are fixed because other tools read them; the JSON Schema that
`resarchive schema` prints is generated from these models.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# Bump when a change to the models makes old records read differently:
# caches keyed by it (the index) are rebuilt.
SCHEMA_VERSION = 1

# [start, end): character offsets into the decoded source text.
Span = Annotated[tuple[int, int], Field(description="[start, end) offsets into the source text")]

DocumentKind = Literal["resolution", "decision", "recommendations", "announcement", "other"]
EventType = Literal["conference", "seminar", "round_table", "meeting", "congress", "forum", "other"]
EventFormat = Literal["offline", "online", "hybrid"]


class Strict(BaseModel):
    # Records are edited by hand: a misspelt key must be an error, not silently dropped.
    model_config = ConfigDict(extra="forbid")


class Source(Strict):
    file: str = Field(description="file name inside the archive's raw/ folder")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    encoding: str
    format: str = Field(
        default="txt",
        description="txt, md, docx, odt, doc (read through LibreOffice), doc-antiword, pdf, "
        "pdf-ocr (a scan: the text was recognized by Tesseract) or rtf",
    )


class DocumentInfo(Strict):
    kind: DocumentKind
    title: str
    adopted_on: date | None = None


class Participants(Strict):
    total: int | None = Field(default=None, ge=0)
    offline: int | None = Field(default=None, ge=0)
    online: int | None = Field(default=None, ge=0)


class Event(Strict):
    type: EventType
    name: str | None = None
    start: date | None = None
    end: date | None = None
    place: str | None = None
    format: EventFormat | None = None
    organizers: list[str] = Field(default_factory=list)
    participants: Participants = Field(default_factory=Participants)

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Event:
        if self.start and self.end and self.end < self.start:
            raise ValueError("event.end is before event.start")
        return self


class Organization(Strict):
    name: str
    short: str | None = None
    legal_form: str | None = Field(
        default=None, description="КГБУ, МБУК, ... when the text gives one"
    )
    span: Span


class Person(Strict):
    name: str = Field(description="«Фамилия Имя Отчество» in the nominative")
    role: str | None = None
    organization: str | None = None
    span: Span


class Place(Strict):
    name: str
    kind: str | None = Field(default=None, description="city, region, republic, district, ...")
    span: Span


class Speaker(Strict):
    name: str
    position: str | None = None
    organization: str | None = None
    talk: str | None = None
    span: Span


class Recommendation(Strict):
    number: int | None = None
    section: str | None = None
    addressee: str | None = None
    text: str
    span: Span


class Record(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=120)
    schema_version: int = SCHEMA_VERSION
    reviewed: bool = False
    source: Source
    document: DocumentInfo
    event: Event
    organizations: list[Organization] = Field(default_factory=list)
    persons: list[Person] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    speakers: list[Speaker] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _warnings_follow_the_record(self) -> Record:
        # A warning that a field is empty goes once a person has filled it (stale.py).
        from .stale import current_warnings

        kept = current_warnings(self)
        if len(kept) != len(self.warnings):
            self.warnings = kept
        return self

    def spans(self) -> list[tuple[str, tuple[int, int]]]:
        """Every (field path, span) pair in the record, for grounding checks."""
        found = []
        for field in ("organizations", "persons", "places", "speakers", "recommendations"):
            for i, item in enumerate(getattr(self, field)):
                found.append((f"{field}[{i}].span", item.span))
        return found


def record_json_schema() -> dict:
    return Record.model_json_schema()
