"""What a person reads for the record's values and fields: event types, document kinds,
formats, the kinds of highlighted items. Record values stay English in the YAML (the
contract); their labels are translated through the catalog like every other message."""

from __future__ import annotations

from typing import get_args

from ..i18n import N_, _
from ..record.models import DocumentKind, EventFormat, EventType
from ..terms import EVENT_FORMATS, EVENT_TYPES, format_name, type_name

DOCUMENT_KINDS: dict[str, str] = {
    "resolution": N_("resolution"),
    "decision": N_("decision"),
    "recommendations": N_("recommendations"),
    "announcement": N_("announcement"),
    "other": N_("other document"),
}
VALUES = {"type": EventType, "kind": DocumentKind, "format": EventFormat}


def missing_labels() -> dict[str, set[str]]:
    """Record values of the models that have no label here (tests hold it empty)."""
    labelled = {"type": EVENT_TYPES, "kind": DOCUMENT_KINDS, "format": EVENT_FORMATS}
    return {
        name: set(get_args(values)) - set(labelled[name])
        for name, values in VALUES.items()
        if set(get_args(values)) - set(labelled[name])
    }


# The record's lists of items with spans, in the order the page shows them; `dates` are
# the event's and the document's dates, found in the text by their value.
KINDS: dict[str, str] = {
    "persons": N_("person"),
    "organizations": N_("organization"),
    "places": N_("place"),
    "dates": N_("date"),
    "speakers": N_("speaker"),
    "recommendations": N_("recommendation"),
}
LIST_TITLES: dict[str, str] = {
    "persons": N_("Persons"),
    "organizations": N_("Organizations"),
    "places": N_("Places"),
    "speakers": N_("Speakers"),
    "recommendations": N_("Recommendations"),
}
FIELDS: dict[str, str] = {
    "name": N_("Name"),
    "short": N_("Short name"),
    "legal_form": N_("Legal form"),
    "role": N_("Role"),
    "organization": N_("Organization"),
    "kind": N_("Kind"),
    "position": N_("Position"),
    "talk": N_("Talk"),
    "number": N_("Number"),
    "section": N_("Section"),
    "addressee": N_("Addressee"),
    "text": N_("Text"),
    "span": N_("Position in the text"),
    "document.kind": N_("Document kind"),
    "document.title": N_("Title"),
    "document.adopted_on": N_("Adopted on"),
    "event.type": N_("Event type"),
    "event.name": N_("Event name"),
    "event.start": N_("Start"),
    "event.end": N_("End"),
    "event.place": N_("Place"),
    "event.format": N_("Format"),
    "event.organizers": N_("Organizers (one a line)"),
    "event.participants.total": N_("Participants"),
    "event.participants.offline": N_("of them in person"),
    "event.participants.online": N_("of them online"),
}
# The record fields warnings name ("event.place: not stated"), as a person reads them.
WARNING_FIELDS: dict[str, str] = {
    **{name: label for name, label in FIELDS.items() if "." in name},
    "event.organizers": N_("Organizers"),
    "event.participants": N_("Participants"),
}
DATE_FIELDS: dict[str, str] = {
    "start": N_("event start"),
    "end": N_("event end"),
    "adopted_on": N_("adoption date"),
}


def event_type(value: str | None) -> str:
    """An event type as a person reads it ("seminar" -> "семинар" in Russian)."""
    return type_name(value) if value else ""


def document_kind(value: str | None) -> str:
    return _(DOCUMENT_KINDS[value]) if value in DOCUMENT_KINDS else (value or "")


def event_format(value: str | None) -> str:
    return format_name(value) if value else ""
