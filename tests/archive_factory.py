"""Small archives built straight from the models, for index, query, stats and validate tests.

Independent of extraction: every record is written by hand here, its raw file exists and
its sha256 matches, so a fresh archive validates clean.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from resarchive.archive import Archive
from resarchive.record.models import (
    DocumentInfo,
    Event,
    Organization,
    Person,
    Place,
    Recommendation,
    Record,
    Source,
)

RAW_TEXT = (
    "РЕЗОЛЮЦИЯ\n\nпо итогам проведения межрегионального семинара о работе библиотек "
    "в современных условиях. Участники обсудили опыт и перспективы.\n" * 20
)


def make_record(
    record_id: str,
    *,
    start: str | None = "2021-11-24",
    type_: str = "seminar",
    title: str = "Резолюция семинара",
    event_name: str | None = "Библиотека-онлайн",
    place: str | None = None,
    orgs: list[str | tuple[str, str]] | None = None,
    organizers: list[str] | None = None,
    persons: list[str] | None = None,
    places: list[str] | None = None,
    recs: list[tuple[str | None, str]] | None = None,
    raw_name: str | None = None,
    raw_text: str | None = None,
) -> tuple[Record, str, bytes]:
    """A record and its raw file (name, bytes): unique content, so a unique sha256."""
    raw = (raw_text or RAW_TEXT + record_id + "\n").encode("utf-8")
    raw_name = raw_name or f"{record_id}.txt"
    organizations = []
    for org in orgs or []:
        name, short = (org, None) if isinstance(org, str) else org
        organizations.append(Organization(name=name, short=short, span=(0, 10)))
    record = Record(
        id=record_id,
        source=Source(file=raw_name, sha256=hashlib.sha256(raw).hexdigest(), encoding="utf-8"),
        document=DocumentInfo(kind="resolution", title=title),
        event=Event(
            type=type_,
            name=event_name,
            start=date.fromisoformat(start) if start else None,
            place=place,
            organizers=organizers or [],
        ),
        organizations=organizations,
        persons=[Person(name=p, span=(0, 5)) for p in persons or []],
        places=[Place(name=p, span=(0, 5)) for p in places or []],
        recommendations=[
            Recommendation(number=i + 1, addressee=addressee, text=text, span=(10, 40))
            for i, (addressee, text) in enumerate(recs or [])
        ],
    )
    return record, raw_name, raw


def add_record(root: Path, record_id: str, **fields) -> Record:
    """Write a record (and its raw file) into the archive at `root`."""
    record, raw_name, raw = make_record(record_id, **fields)
    archive = Archive(root)
    archive.raw.mkdir(parents=True, exist_ok=True)
    (archive.raw / raw_name).write_bytes(raw)
    archive.write_record(record)
    return record


def sample_archive(root: Path) -> Path:
    """Four records covering every matching case of the query tests."""
    add_record(
        root, "2014-05-20-rba",
        start="2014-05-20", type_="round_table", title="Библиотеки и социальные медиа",
        event_name="Библиотеки и социальные медиа: точки соприкосновения", place="Рязань",
        orgs=["Российская библиотечная ассоциация"], places=["Рязань"],
        recs=[
            ("Муниципальным библиотекам", "Продолжить работу в социальных сетях."),
            ("Органам управления культурой", "Поддержать издание методических рекомендаций."),
        ],
    )  # fmt: skip
    add_record(
        root, "2021-11-24-kamchatka",
        start="2021-11-24", type_="seminar", title="Резолюция семинара «Библиотека-онлайн»",
        orgs=[("Камчатская краевая детская библиотека им. В. Кручины", "ККДБ")],
        organizers=["РБА"], persons=["Абрамкина Ольга Ивановна"],
        places=["Петропавловск-Камчатский"],
        recs=[("Специалистам библиотек", "Осваивать дистанционные формы обслуживания.")],
    )  # fmt: skip
    add_record(
        root, "2022-06-08-club",
        start="2022-06-08", type_="meeting", title="Решение заседания клуба",
        event_name="Ежегодное заседание клуба деловых женщин",
        orgs=["Центральная городская публичная библиотека им. В. В. Маяковского"],
        persons=["Чернов Владимир Николаевич"], places=["Санкт-Петербург"],
        recs=[
            ("Муниципальным библиотекам", "Создать страницы библиотек в социальных сетях."),
            (None, "Провести конкурс чтецов."),
        ],
    )  # fmt: skip
    add_record(
        root, "2023-03-01-pushkin",
        start="2023-03-01", type_="conference", title="Резолюция конференции",
        orgs=["Центральная детская библиотека им. А. С. Пушкина"], places=["Тверь"],
        recs=[("Детским библиотекам", "Развивать семейное чтение.")],
    )  # fmt: skip
    return root
