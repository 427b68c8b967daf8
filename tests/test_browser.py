"""End to end in a real browser: `resarchive serve` in a subprocess, Debian's headless
Chromium driven by Playwright. A methodist opens a record, corrects a name, adds a missed
organization by selecting its words in the text, marks the record reviewed; the YAML on
disk says so. The record page's screenshot is kept in tests/artifacts/ (not committed).

Without /usr/bin/chromium the test says so and skips, except under CI (`CI` set), where
a missing browser is a failure: `.ci/run` installs it (`make system-deps`).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml

from resarchive.archive import Archive

from .browser import CHROMIUM, chromium, serving
from .web_helpers import data_copy

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
RECORD = "2014-05-20-biblioteki-i-sotsialnye-media"  # data_copy leaves it not reviewed
MISSED = "Всероссийского библиотечного конгресса"


def need_chromium() -> None:
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return
    message = f"no browser at {CHROMIUM}: apt-get install chromium (make system-deps)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser test: {message}")
    pytest.skip(message)


# Select `words` inside the source text, as a person's mouse would.
SELECT = """words => {
  const walker = document.createTreeWalker(document.querySelector('.source'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(words);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + words.length);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    }
  }
  return false;
}"""


def test_review_a_record_in_the_browser(tmp_path: Path) -> None:
    need_chromium()
    started = time.monotonic()
    archive = data_copy(tmp_path / "data")
    path = archive / "structured" / f"{RECORD}.yaml"
    before = yaml.safe_load(path.read_text("utf-8"))
    assert before["reviewed"] is False
    with serving(archive) as address, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{address}/?unreviewed_first=1")
        page.click(f'a[href="/records/{RECORD}"]')
        page.wait_for_selector(".source .k-organizations")
        # hovering shows the field; clicking a field outlines its item in the text
        title = page.get_attribute('.source [data-items~="organizations-0"]', "title")
        assert before["organizations"][0]["name"] in title
        page.click('[name="organizations-0-name"]')
        page.wait_for_selector('.source .current[data-items~="organizations-0"]')

        # correct a name
        page.fill('[name="organizations-0-name"]', "Российская библиотечная ассоциация (РБА)")
        # add a missed organization: select its words, take the selection
        assert page.evaluate(SELECT, MISSED)
        page.click("#row-organizations-n1 button.take")
        assert page.input_value('[name="organizations-n1-name"]') == MISSED
        page.fill('[name="organizations-n1-name"]', "Всероссийский библиотечный конгресс")
        assert page.locator("#row-organizations-n2").count() == 1  # room for another

        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "record-page.png"
        page.screenshot(path=str(shot))
        print(f"\nscreenshot of the record page: {shot}")

        page.click('button[value="review"]')
        page.wait_for_url(f"**/records/{RECORD}?saved=reviewed")
        assert page.is_visible("#saved")
        assert errors == []

    after = yaml.safe_load(path.read_text("utf-8"))
    assert after["reviewed"] is True
    names = [o["name"] for o in after["organizations"]]
    assert names[0] == "Российская библиотечная ассоциация (РБА)"
    (added,) = [o for o in after["organizations"] if o["name"].startswith("Всероссийский")]
    a = Archive(archive)
    text = a.source_text(a.get(RECORD))
    assert text[added["span"][0] : added["span"][1]] == MISSED
    assert len(after["organizations"]) == len(before["organizations"]) + 1
    assert time.monotonic() - started < 60
