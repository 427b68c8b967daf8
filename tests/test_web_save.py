"""Correcting and reviewing a record through the web app's form: what is saved, what is
refused, and that a refused form comes back as it was typed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from resarchive.archive import Archive
from resarchive.i18n import _
from resarchive.validate import validate

from .web_helpers import UNREVIEWED, client, data_copy, form_fields

ONLINE = "2021-11-24-biblioteka-onlain"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return data_copy(tmp_path / "data")


def record_file(archive: Path, record_id: str) -> Path:
    return archive / "structured" / f"{record_id}.yaml"


def opened(web, record_id: str) -> dict[str, str]:
    """The record page's form as a browser would post it."""
    response = web.get(f"/records/{record_id}")
    assert response.status_code == 200
    return form_fields(response.text)


def post(web, record_id: str, form: dict[str, str], **kwargs):
    return web.post(f"/records/{record_id}", data=form, follow_redirects=False, **kwargs)


def shown(text: str) -> str:
    """`text` as the page's HTML writes it (Jinja2's escaping)."""
    return str(escape(text))


def test_correct_a_name_and_mark_reviewed(archive: Path) -> None:
    web = client(archive)
    before = yaml.safe_load(record_file(archive, UNREVIEWED).read_text("utf-8"))
    form = opened(web, UNREVIEWED)
    assert "reviewed" not in form  # the box is not ticked
    form["organizations-0-name"] = "Российская библиотечная ассоциация (РБА)"
    form["event.participants.total"] = "120"
    form["action"] = "review"
    response = post(web, UNREVIEWED, form)
    assert response.status_code == 303
    assert response.headers["location"] == f"/records/{UNREVIEWED}?saved=reviewed"
    after = yaml.safe_load(record_file(archive, UNREVIEWED).read_text("utf-8"))
    assert after["reviewed"] is True
    assert after["organizations"][0]["name"] == "Российская библиотечная ассоциация (РБА)"
    assert after["event"]["participants"]["total"] == 120
    # the warning that the count is not stated goes with the value a person gave
    assert "event.participants: not stated" in before["warnings"]
    before["warnings"].remove("event.participants: not stated")
    # nothing else moved
    for changed in (after, before):
        changed.pop("reviewed")
        changed["organizations"][0].pop("name")
        changed["event"]["participants"].pop("total")
    assert after == before
    assert validate(Archive(archive)).problems == []
    page = web.get(response.headers["location"]).text
    assert shown(_("Saved and marked reviewed.")) in page


def test_delete_a_wrong_item_and_add_a_missed_one_by_its_span(archive: Path) -> None:
    web = client(archive)
    a = Archive(archive)
    text = a.source_text(a.get(ONLINE))
    start = text.index("ВКонтакте")
    form = opened(web, ONLINE)
    form["places-3-delete"] = "1"  # Самара
    form["organizations-n1-name"] = "ВКонтакте"
    form["organizations-n1-start"] = str(start)
    form["organizations-n1-end"] = str(start + len("ВКонтакте"))
    response = post(web, ONLINE, form)
    assert response.status_code == 303, response.text
    record = a.get(ONLINE)
    assert "Самара" not in [p.name for p in record.places] and len(record.places) == 11
    (added,) = [o for o in record.organizations if o.name == "ВКонтакте"]
    assert text[added.span[0] : added.span[1]] == "ВКонтакте"
    starts = [o.span[0] for o in record.organizations]
    assert starts == sorted(starts)  # put where its span puts it
    assert validate(a).problems == []


def test_saving_an_unchanged_form_writes_nothing(archive: Path) -> None:
    web = client(archive)
    path = record_file(archive, ONLINE)
    stat = path.stat()
    response = post(web, ONLINE, opened(web, ONLINE))
    assert response.headers["location"] == f"/records/{ONLINE}?saved=unchanged"
    assert path.stat().st_mtime_ns == stat.st_mtime_ns and path.stat().st_ino == stat.st_ino


def test_a_validation_error_keeps_everything_typed_with_the_message_beside_the_field(
    archive: Path,
) -> None:
    web = client(archive)
    path = record_file(archive, ONLINE)
    on_disk = path.read_bytes()
    form = opened(web, ONLINE)
    form["persons-0-name"] = "Абрамкина Елена Игоревна"  # a good correction...
    form["event.start"] = "2021-02-30"  # ... and three bad values
    form["persons-2-name"] = "   "
    form["places-1-start"], form["places-1-end"] = "1500", "99999"
    form["places-4-delete"] = "1"
    form["persons-n1-name"] = "Новикова Анна"  # added, but no span
    response = post(web, ONLINE, form)
    assert response.status_code == 422
    assert path.read_bytes() == on_disk  # nothing written
    page = response.text
    back = form_fields(page)
    for name in ("persons-0-name", "event.start", "places-1-end", "persons-n1-name"):
        assert back[name] == form[name], name
    assert back["places-4-delete"] == "1"  # still ticked
    assert shown(_("Not saved: correct the fields marked in red.")) in page

    def beside(name: str) -> str:
        """The label holding field `name`, with its messages."""
        at = page.index(f'name="{name}"')
        return page[page.rindex("<label", 0, at) : page.index("</label>", at)]

    assert shown(_("a date like 2021-11-24 (year-month-day)")) in beside("event.start")
    empty = _("empty: type it, or tick “delete” to remove the item")
    assert shown(empty) in beside("persons-2-name")
    length = len(Archive(archive).source_text(Archive(archive).get(ONLINE)))
    outside = _("[{start}, {end}] is not a position in the text: 0 ≤ start < end ≤ {length}")
    span = page[page.index('name="places-1-end"') :].split("</div>")[0]
    assert shown(outside.format(start=1500, end=99999, length=length)) in span
    no_span = page[page.index('name="persons-n1-end"') :].split("</div>")[0]
    missing = _(
        "no position in the text: select the item's words in the text, "
        "then press “Take the selection”"
    )
    assert shown(missing) in no_span


def test_the_end_before_the_start_is_an_error_of_the_end(archive: Path) -> None:
    web = client(archive)
    form = opened(web, ONLINE)
    form["event.end"] = "2021-11-20"
    form["document.title"] = "  "
    response = post(web, ONLINE, form)
    assert response.status_code == 422
    at = response.text.index('name="event.end"')
    label = response.text[at : response.text.index("</label>", at)]
    assert shown(_("the end is before the start")) in label
    at = response.text.index('name="document.title"')
    label = response.text[at : response.text.index("</label>", at)]
    assert shown(_("empty: every document has a title")) in label


def test_a_record_changed_on_disk_since_the_page_opened_is_not_overwritten(
    archive: Path,
) -> None:
    web = client(archive)
    form = opened(web, ONLINE)
    path = record_file(archive, ONLINE)
    # meanwhile someone (or ingest) changes the record
    changed = path.read_text("utf-8").replace("place: null", "place: Петропавловск-Камчатский", 1)
    path.write_text(changed, "utf-8")
    form["persons-0-name"] = "Абрамкина Елена Игоревна"
    response = post(web, ONLINE, form)
    assert response.status_code == 409
    assert path.read_text("utf-8") == changed  # the other change survives
    assert form_fields(response.text)["persons-0-name"] == "Абрамкина Елена Игоревна"
    conflict = _(
        "Not saved: the record was changed on disk after this page was opened (by "
        "ingest or by someone else). Your changes are still in the form below but not "
        "stored; open the record again to see the new version and repeat them there."
    )
    assert shown(conflict) in response.text
    # the refused form still carries the old version: saving it again is refused again
    again = post(web, ONLINE, form_fields(response.text))
    assert again.status_code == 409


@pytest.mark.parametrize("token", ["", "0" * 64, None])
def test_a_post_without_the_pages_csrf_token_is_refused(archive: Path, token: str | None) -> None:
    web = client(archive)
    form = opened(web, ONLINE)
    form["persons-0-name"] = "Взломщик"
    if token is None:
        del form["csrf"]
    else:
        form["csrf"] = token
    path = record_file(archive, ONLINE)
    on_disk = path.read_bytes()
    response = post(web, ONLINE, form)
    assert response.status_code == 403
    assert path.read_bytes() == on_disk
    assert form_fields(response.text)["persons-0-name"] == "Взломщик"  # typed, kept, not saved


def test_a_token_for_another_browser_or_a_post_from_another_site_is_refused(
    archive: Path,
) -> None:
    web = client(archive)
    form = opened(web, ONLINE)  # this browser's cookie and token
    form["persons-0-name"] = "Взломщик"
    path = record_file(archive, ONLINE)
    on_disk = path.read_bytes()
    other = client(archive)  # a second browser: its own cookie
    other.get("/")
    assert post(other, ONLINE, form).status_code == 403
    evil = {"origin": "http://evil.example"}
    assert post(web, ONLINE, form, headers=evil).status_code == 403
    assert path.read_bytes() == on_disk
    assert post(web, ONLINE, form).status_code == 303  # the page's own post goes through


def test_the_lock_of_a_running_ingest_is_waited_for_and_respected(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resarchive.web import pages

    monkeypatch.setattr(pages, "LOCK_TIMEOUT", 0.2)
    web = client(archive)
    form = opened(web, ONLINE)
    form["persons-0-name"] = "Абрамкина Елена Игоревна"
    path = record_file(archive, ONLINE)
    on_disk = path.read_bytes()
    with Archive(archive).lock():  # what ingest holds while it writes
        response = post(web, ONLINE, form)
    assert response.status_code == 503
    assert path.read_bytes() == on_disk
    assert form_fields(response.text)["persons-0-name"] == "Абрамкина Елена Игоревна"
    assert post(web, ONLINE, form).status_code == 303
