"""The web app under attack: hostile document text and record values, forged hosts, ids and
paths that try to leave the archive."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from resarchive.archive import Archive
from resarchive.record.models import (
    DocumentInfo,
    Event,
    Organization,
    Person,
    Recommendation,
    Record,
    Source,
)
from resarchive.web.report import render_report
from resarchive.web.sources import WebArchive

from .web_helpers import client, data_copy, form_fields, parse_page

HOSTILE_TEXT = (
    "Семинар прошёл 24 ноября 2021 года.\r\n"
    "Докладчик <script>alert(1)</script> Иванов Иван Иванович.\r\n"
    'Библиотека "onmouseover=alert(2) x=" и <img src=x onerror=alert(3)>.\n'
    "Рекомендовать: {{ 7*7 }} {% include 'base.html' %} ${jndi} `rm -rf /`.\n"
)
HOSTILE_ID = "2021-11-24-hostile"


def span_of(piece: str) -> tuple[int, int]:
    start = HOSTILE_TEXT.index(piece)
    return start, start + len(piece)


def hostile_archive(root: Path) -> Path:
    """One record whose source and every value try to break out of the HTML."""
    raw = HOSTILE_TEXT.encode("utf-8")
    (root / "raw").mkdir(parents=True)
    (root / "raw" / "hostile.txt").write_bytes(raw)
    record = Record(
        id=HOSTILE_ID,
        source=Source(file="hostile.txt", sha256=hashlib.sha256(raw).hexdigest(), encoding="utf-8"),
        document=DocumentInfo(kind="resolution", title="<script>alert(6)</script>"),
        event=Event(type="seminar", name='"><svg onload=alert(8)>', start="2021-11-24"),
        persons=[
            Person(
                name='<b onmouseover="alert(4)">Иванов</b>',
                role="' onfocus='alert(9)",
                span=span_of("<script>alert(1)</script> Иванов Иван Иванович"),
            )
        ],
        organizations=[
            Organization(name='"onmouseover=alert(5)', span=span_of('"onmouseover=alert(2) x="'))
        ],
        recommendations=[
            Recommendation(
                number=1,
                addressee='"><script>alert(7)</script>',
                text="{{ 7*7 }} {% include 'base.html' %}",
                span=span_of("{{ 7*7 }} {% include 'base.html' %}"),
            )
        ],
        warnings=["event.place: <script>alert(10)</script>"],
    )
    Archive(root).write_record(record)
    return root


def assert_inert(html: str, *, shows_source: bool = True) -> None:
    """No markup from the record got through: no handler attribute, no foreign tag, no
    script but the page's own, no template expression evaluated."""
    for tag, attrs in parse_page(html).tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert tag not in ("img", "b", "iframe", "object", "embed", "textarea-x"), (tag, attrs)
        if tag == "script":
            assert attrs == {"src": "/static/review.js"}
        if tag == "svg":
            assert attrs.get("class") == "chart"  # our charts only
    if shows_source:
        assert "{{ 7*7 }}" in html  # shown as written, never run as a template


def test_hostile_text_and_values_are_shown_as_text(tmp_path: Path) -> None:
    root = hostile_archive(tmp_path / "a")
    html = client(root).get(f"/records/{HOSTILE_ID}").text
    assert_inert(html)
    page = parse_page(html)
    # the source shows exactly as written, carriage returns included (as empty segments)
    assert "".join(t for _o, t in page.segments) == HOSTILE_TEXT
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;onmouseover=alert(2) x=&#34;" in html
    fields = form_fields(html)
    assert fields["persons-0-name"] == '<b onmouseover="alert(4)">Иванов</b>'
    assert fields["event.name"] == '"><svg onload=alert(8)>'
    assert fields["recommendations-0-addressee"] == '"><script>alert(7)</script>'


def test_hostile_values_stay_text_in_the_list_the_report_and_the_stats(tmp_path: Path) -> None:
    root = hostile_archive(tmp_path / "a")
    web = client(root)
    listing = web.get("/").text
    assert_inert(listing, shows_source=False)
    assert "&lt;script&gt;alert(6)&lt;/script&gt;" in listing
    assert_inert(web.get("/stats").text, shows_source=False)
    report = render_report(WebArchive(root), [HOSTILE_ID])
    assert "<script" not in report
    assert_inert(report)


def test_a_hostile_save_is_stored_as_text(tmp_path: Path) -> None:
    root = hostile_archive(tmp_path / "a")
    web = client(root)
    form = form_fields(web.get(f"/records/{HOSTILE_ID}").text)
    form["persons-0-role"] = "</textarea><script>alert(11)</script>"
    response = web.post(f"/records/{HOSTILE_ID}", data=form)
    assert response.status_code == 200  # followed to the record page
    assert_inert(response.text)
    record = Archive(root).get(HOSTILE_ID)
    assert record.persons[0].role == "</textarea><script>alert(11)</script>"
    assert record.persons[0].name == '<b onmouseover="alert(4)">Иванов</b>'  # unchanged


@pytest.mark.parametrize(
    "path",
    [
        "/records/..%2F..%2Fpyproject",
        "/records/%2e%2e%2f%2e%2e%2fpyproject",
        "/records/../../pyproject.toml",
        "/records/%2Fetc%2Fpasswd",
        "/records//etc/passwd",
        "/records/..",
        "/records/.index",
        "/records/UPPER-CASE",
        "/records/x%00y",
        "/report/..%2F..%2Fpyproject",
        "/static/../../../pyproject.toml",
        "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2F..%2F..%2Fpyproject.toml",
        "/export.csv/../../pyproject.toml",
        "/etc/passwd",
    ],
)
def test_no_url_reads_a_file_outside_the_archive(tmp_path: Path, path: str) -> None:
    root = data_copy(tmp_path / "data")
    (tmp_path / "pyproject.toml").write_text("SECRET-OUTSIDE\n", "utf-8")
    (tmp_path / "pyproject.yaml").write_text("SECRET-OUTSIDE\n", "utf-8")
    response = client(root).get(path)
    if response.url.path == "/":  # "/records/.." is "/" to any client, as to a browser
        assert path == "/records/.."
    else:
        assert response.status_code == 404, path
    assert "SECRET-OUTSIDE" not in response.text
    assert "[project]" not in response.text and "root:" not in response.text


def test_no_post_writes_outside_the_archive(tmp_path: Path) -> None:
    root = data_copy(tmp_path / "data")
    web = client(root)
    form = form_fields(web.get("/records/2021-11-24-biblioteka-onlain").text)
    before = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    for target in ("/records/..%2Fevil", "/records/%2Ftmp%2Fevil", "/records/evil.yaml"):
        response = web.post(target, data=form, follow_redirects=False)
        assert response.status_code in (404, 405), target
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file()) == before


def test_a_raw_file_leading_outside_the_archive_is_not_shown(tmp_path: Path) -> None:
    root = hostile_archive(tmp_path / "a")
    secret = tmp_path / "secret.txt"
    secret.write_bytes(HOSTILE_TEXT.encode("utf-8"))  # same bytes: the sha256 matches
    raw = root / "raw" / "hostile.txt"
    raw.unlink()
    os.symlink(secret, raw)
    html = client(root).get(f"/records/{HOSTILE_ID}").text
    assert "Иванов Иван Иванович" not in html.split('class="pane"')[1].split("</section>")[0]
    assert "leads outside the archive" in html or "ведёт за пределы архива" in html


def test_a_raw_file_that_is_not_the_records_is_not_highlighted(tmp_path: Path) -> None:
    root = hostile_archive(tmp_path / "a")
    (root / "raw" / "hostile.txt").write_text("Другой текст целиком.\n", "utf-8")
    html = client(root).get(f"/records/{HOSTILE_ID}").text
    assert 'class="source"' not in html
    assert "sha256" in html


def test_only_our_host_names_are_answered_and_pages_carry_security_headers(
    tmp_path: Path,
) -> None:
    root = data_copy(tmp_path / "data")
    web = client(root)
    response = web.get("/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    rebinding = web.get("/", headers={"host": "attacker.example:8000"})
    assert rebinding.status_code == 400  # a DNS-rebinding page gets nothing
    assert web.get("/", headers={"host": "localhost:8000"}).status_code == 200
