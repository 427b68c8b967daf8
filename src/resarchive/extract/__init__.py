"""From a decoded source text to a Record. Each field has its own stage module;
this one runs them in order over a single parse of the text."""

from __future__ import annotations

import re
from datetime import date

from slugify import slugify

from ..record.models import Record, Source
from ..rules.genre import not_a_resolution
from .context import Context, read_context
from .document import extract_document
from .event import extract_event
from .mentions import title_key
from .organizations import extract_organizations
from .people import find_people, same_person
from .persons import extract_persons
from .places import extract_places
from .recommendations import extract_recommendations
from .speakers import extract_speakers

__all__ = ["Context", "extract_record", "make_id"]


def extract_record(source_text: str, source: Source) -> Record:
    """Extract every field of a record from the decoded text of one document."""
    ctx = read_context(source_text)
    if reason := not_a_resolution(source_text):
        ctx.warn(f"document: does not read as a resolution: {reason}")
    document = extract_document(ctx)
    event = extract_event(ctx)
    people = find_people(ctx)
    speakers = extract_speakers(ctx, people)
    persons = extract_persons(ctx, speakers, people)
    for speaker in speakers:  # a name completed later in the text ("Ксения Юрьевна")
        speaker.name = next(
            (p.name for p in persons if same_person(p.name, speaker.name)), speaker.name
        )
    record = Record(
        id=make_id(event.start or document.adopted_on, event.name or document.title),
        source=source,
        document=document,
        event=event,
        # "прошла Третья «Читательская Ассамблея Содружества»": the event, not a body
        organizations=[
            o
            for o in extract_organizations(ctx, people)
            if not (event.name and title_key(o.name) == title_key(event.name))
        ],
        persons=persons,
        places=extract_places(ctx, people),
        speakers=speakers,
        recommendations=extract_recommendations(ctx),
        warnings=ctx.warnings,
    )
    return record


def make_id(day: date | None, name: str) -> str:
    """`YYYY-MM-DD-short-transliterated-name`; `undated-…` when the text gives no date."""
    # The short name: the title up to its subtitle, at most five words.
    short = re.split(r"[:.«»\"]", name or "", maxsplit=1)[0] or name or "document"
    # Ids are at most 120 characters (with room for a `-2` suffix): long words are cut.
    words = "-".join(slugify(short).split("-")[:5])[:90].strip("-") or "document"
    return f"{day.isoformat() if day else 'undated'}-{words}"
