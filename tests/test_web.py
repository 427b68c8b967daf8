"""The web app's pages through Starlette's test client: the records list and its filters,
the record page, statistics, exports, the report. Saves: test_web_save.py; attacks:
test_web_security.py."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from resarchive.archive import Archive
from resarchive.i18n import _
from resarchive.query import Filters, find_hits, open_index
from resarchive.web.labels import missing_labels

from .web_helpers import UNREVIEWED, client, data_copy, parse_page

ONLINE = "2021-11-24-biblioteka-onlain"
CLUB = "2022-06-08-ezhegodnoe-zasedanie-kluba-delovykh-vstrech"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return data_copy(tmp_path / "data")


def listed_ids(html: str) -> list[str]:
    return re.findall(r'<a href="/records/([a-z0-9-]+)">', html)


def test_the_records_page_shows_every_record_with_its_counts_state_and_warnings(
    archive: Path,
) -> None:
    response = client(archive).get("/")
    assert response.status_code == 200
    html = response.text
    assert listed_ids(html) == [UNREVIEWED, ONLINE, CLUB]  # by date
    assert "Резолюция по итогам проведения межрегионального семинара" in html
    row = html[html.index(f'href="/records/{ONLINE}"') :].split("</tr>")[0]
    # organizations, persons, places, speakers, recommendations of the 2021 record
    assert re.findall(r'<td class="n">(\d+)</td>', row) == ["14", "12", "12", "12", "6"]
    assert 'class="badge yes"' in row
    unreviewed = html[html.index(f'href="/records/{UNREVIEWED}"') :].split("</tr>")[0]
    assert 'class="badge no"' in unreviewed
    assert unreviewed.count("<li>") == 4  # its four stored warnings


@pytest.mark.parametrize(
    ("params", "filters"),
    [
        ({"org": "Камчатской краевой детской библиотеки"},
         Filters(org="Камчатской краевой детской библиотеки")),
        ({"org": "РБА"}, Filters(org="РБА")),
        ({"place": "Рязани"}, Filters(place="Рязани")),
        ({"text": "социальные сети"}, Filters(text="социальные сети")),
        ({"type": "seminar"}, Filters(type="seminar")),
        ({"from": "2021-01-01", "to": "2021-12-31"},
         Filters(date_from=__import__("datetime").date(2021, 1, 1),
                 date_to=__import__("datetime").date(2021, 12, 31))),
        ({"addressee": "библиотекарям"}, Filters(addressee="библиотекарям")),
    ],
)  # fmt: skip
def test_the_filters_are_querys_filters(archive: Path, params: dict, filters: Filters) -> None:
    with open_index(Archive(archive)) as index:
        expected = [hit.id for hit in find_hits(index, filters)]
    found = listed_ids(client(archive).get("/", params=params).text)
    assert found == expected
    assert 0 < len(found) < 3  # each filter picks some records, not all


def test_review_state_sorting_and_unreviewed_first(archive: Path) -> None:
    web = client(archive)
    assert listed_ids(web.get("/", params={"reviewed": "no"}).text) == [UNREVIEWED]
    assert listed_ids(web.get("/", params={"reviewed": "yes"}).text) == [ONLINE, CLUB]
    newest = listed_ids(web.get("/", params={"sort": "date_desc"}).text)
    assert newest == [CLUB, ONLINE, UNREVIEWED]
    first = web.get("/", params={"sort": "date_desc", "unreviewed_first": "1"}).text
    assert listed_ids(first) == [UNREVIEWED, CLUB, ONLINE]
    by_recs = listed_ids(web.get("/", params={"sort": "recommendations"}).text)
    assert by_recs == [CLUB, UNREVIEWED, ONLINE]  # 13, 7, 6 recommendations


def test_a_bad_filter_value_is_a_message_not_a_list(archive: Path) -> None:
    response = client(archive).get("/", params={"from": "24.11.2021", "type": "party"})
    assert response.status_code == 400
    assert listed_ids(response.text) == []
    assert _("a date like 2021-11-24 (year-month-day)") in response.text
    assert "party" in response.text
    assert 'value="24.11.2021"' in response.text  # what was typed stays in the field


def test_a_date_range_that_ends_before_it_starts_is_a_message(archive: Path) -> None:
    response = client(archive).get("/", params={"from": "2022-01-01", "to": "2021-01-01"})
    assert response.status_code == 400
    assert listed_ids(response.text) == []
    assert "2022-01-01 is after --to 2021-01-01: no date can match" in response.text


def test_the_record_page_highlights_every_kind_over_the_exact_source_text(
    archive: Path,
) -> None:
    html = client(archive).get(f"/records/{ONLINE}").text
    a = Archive(archive)
    record = a.get(ONLINE)
    text = a.source_text(record)
    page = parse_page(html)
    # the segments cover the source text exactly, each at its own offset
    assert "".join(t for _o, t in page.segments) == text
    assert all(text[o : o + len(t)] == t for o, t in page.segments)
    classes = " ".join(a.get("class", "") for tag, a in page.tags if tag == "span")
    for kind in ("persons", "organizations", "places", "speakers", "dates"):
        assert f"k-{kind}" in classes or f"in-{kind}" in classes, kind
    ids = {a["id"] for _tag, a in page.tags if "id" in a}
    assert {f"it-persons-{i}" for i in range(12)} <= ids
    assert "it-dates-start" in ids
    # hovering a person shows its field; the form links each item to its place
    titles = [a["title"] for tag, a in page.tags if "data-items" in a]
    assert any("Абрамкина Елена Ивановна" in t for t in titles)
    assert 'href="#it-persons-0"' in html
    fields = {a["name"]: a.get("value") for tag, a in page.tags if tag == "input" and "name" in a}
    assert fields["persons-0-name"] == record.persons[0].name
    assert fields["persons-0-start"] == str(record.persons[0].span[0])
    assert fields["event.start"] == "2021-11-24"
    tags = [a["data-tag"] for _tag, a in page.tags if "data-tag" in a]
    assert "1. → Библиотекари" in tags  # a recommendation's number and addressee


def test_a_recommendation_highlight_sits_over_its_span(archive: Path) -> None:
    html = client(archive).get(f"/records/{ONLINE}").text
    record = Archive(archive).get(ONLINE)
    start, end = record.recommendations[0].span
    page = parse_page(html)
    covered = [
        (o, t)
        for (o, t), (_tag, a) in zip(
            page.segments,
            [(tag, a) for tag, a in page.tags if tag == "span" and "data-o" in a],
            strict=True,
        )
        if "recommendations-0" in a.get("data-items", "").split()
    ]
    assert covered[0][0] == start
    assert covered[-1][0] + len(covered[-1][1]) == end


def test_stats_are_charts_linked_to_their_records(archive: Path) -> None:
    html = client(archive).get("/stats").text
    assert html.count("<svg") == 5
    assert 'href="/?from=2021-01-01&amp;to=2021-12-31"' in html
    assert 'href="/?type=seminar"' in html
    assert re.search(r'<a href="/\?addressee=[^"]+"><g><title>Библиотекари: 3</title>', html)
    assert 'href="/export.jsonl"' in html


def test_exports_take_the_current_filter(archive: Path) -> None:
    web = client(archive)
    listing = web.get("/", params={"type": "seminar"}).text
    assert 'href="/export.csv?type=seminar"' in listing
    csv = web.get("/export.csv", params={"type": "seminar"})
    assert csv.status_code == 200
    assert csv.headers["content-disposition"] == 'attachment; filename="resarchive-records.csv"'
    lines = csv.content.decode("utf-8").splitlines()
    assert lines[0].startswith("\ufeffid,")  # export.py's CSV for Excel: with a BOM
    assert [line.split(",")[0] for line in lines[1:]] == [ONLINE]
    jsonl = web.get("/export.jsonl").text.splitlines()
    assert [json.loads(line)["id"] for line in jsonl] == [UNREVIEWED, ONLINE, CLUB]
    recs = web.get("/export.csv", params={"rows": "recommendations", "addressee": "библиотекарям"})
    assert recs.text.count(ONLINE) == 3
    assert web.get("/export.xlsx").status_code == 404
    assert web.get("/export.csv", params={"from": "вчера"}).status_code == 400


def test_the_labels_cover_every_value_of_the_models() -> None:
    assert missing_labels() == {}


def run_cli(archive: Path, *args: str, lang: str = "ru_RU.UTF-8") -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": lang, "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    return subprocess.run(
        [sys.executable, "-m", "resarchive", "--archive", str(archive), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_report_is_one_self_contained_html_file_in_russian(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    done = run_cli(archive, "report", ONLINE, UNREVIEWED, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "2 записи записаны" in done.stderr
    html = out.read_text("utf-8")
    page = parse_page(html)
    tags = {tag for tag, _a in page.tags}
    assert "style" in tags and not tags & {"script", "link", "img", "iframe", "form"}
    for tag, attrs in page.tags:  # no request leaves the file: links are anchors only
        assert "src" not in attrs, tag
        assert attrs.get("href", "#").startswith("#"), attrs
    assert "default-src 'none'" in html
    assert f'<article id="{ONLINE}">' in html and f'<article id="{UNREVIEWED}">' in html
    assert "Персоны (12)" in html and "семинар" in html and "круглый стол" in html
    assert 'href="#it-persons-0"' in html and 'id="it-persons-0"' in html


def test_the_record_page_offers_its_report_for_download(archive: Path) -> None:
    web = client(archive)
    response = web.get(f"/report/{ONLINE}")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="{ONLINE}.html"'
    tags = {tag for tag, _a in parse_page(response.text).tags}
    assert "style" in tags and "script" not in tags and "link" not in tags
    assert web.get("/report/no-such-record").status_code == 404


def test_report_of_an_unknown_record_fails_with_one_line(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    done = run_cli(archive, "report", "no-such-record", "-o", str(out), lang="C.UTF-8")
    assert done.returncode == 10
    assert done.stderr.strip().splitlines() == ["error: no-such-record: no record no-such-record"]
    assert not out.exists()


def test_serve_refuses_a_missing_archive_and_a_taken_port(tmp_path: Path) -> None:
    done = run_cli(tmp_path / "nowhere", "serve", lang="C.UTF-8")
    assert done.returncode == 10
    assert "no archive here" in done.stderr
    import socket

    (tmp_path / "a" / "structured").mkdir(parents=True)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = run_cli(tmp_path / "a", "serve", "--port", str(port), lang="C.UTF-8")
    assert done.returncode == 1
    assert f"cannot serve on 127.0.0.1:{port}" in done.stderr and "--port" in done.stderr


def test_other_commands_never_import_the_web_stack() -> None:
    code = (
        "import sys, resarchive.cli, resarchive.query, resarchive.validate;"
        "print(sorted(m for m in ('starlette', 'jinja2', 'uvicorn', 'multipart') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr
