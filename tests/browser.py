"""Driving `resarchive serve` in a real browser: Debian's Chromium through Playwright.

Playwright's own browser builds are never downloaded: `launch()` points Playwright at the
system's /usr/bin/chromium (the Debian package `chromium`, which `make system-deps`
installs). Used by tests/test_browser.py and, as a script, by `make screenshot`:

    python tests/browser.py docs/review.png

takes the README's screenshot of a record page, served from a copy of data/ in Russian.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("RESARCHIVE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
RECORD = "2021-11-24-biblioteka-onlain"


@contextmanager
def serving(archive: Path, *, lang: str = "ru_RU.UTF-8", timeout: float = 30.0) -> Iterator[str]:
    """`resarchive serve` on a free port in a subprocess, run beside the archive (so the
    page names it by its folder's name); yields its address (no slash)."""
    env = {**os.environ, "LANG": lang, "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    process = subprocess.Popen(
        [sys.executable, "-m", "resarchive", "--archive", archive.name, "serve", "--port", "0"],
        cwd=archive.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = _first_line(process, timeout)
        address = next((w for w in line.split() if w.startswith("http://")), None)
        if address is None:
            raise RuntimeError(f"serve did not print its address: {line!r}")
        yield address.rstrip("/")
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _first_line(process: subprocess.Popen, timeout: float) -> str:
    """The first line serve prints, within `timeout` seconds (its stderr if it dies)."""
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    if not lines or not lines[0]:
        process.kill()
        _out, errors = process.communicate()
        raise RuntimeError(f"serve did not start within {timeout:g} s: {errors.strip()}")
    return lines[0]


@contextmanager
def chromium() -> Iterator[Browser]:
    """Headless Debian Chromium under Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def copy_of_data(target: Path) -> Path:
    """A copy of the committed archive data/ (raw files and records, no index)."""
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns(".*"))
    return target


def screenshot(out: Path, *, colours: int | None = None) -> None:
    """The record page of `RECORD`, a person's field clicked, as a PNG of 1400x900 pixels;
    with `colours`, reduced to that many (Pillow: the README's copy stays small)."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = copy_of_data(Path(tmp) / "data")
        with serving(archive) as address, chromium() as browser:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"{address}/records/{RECORD}")
            page.click('[name="persons-1-name"]')  # the text scrolls to the person, outlined
            page.wait_for_timeout(800)  # the smooth scroll
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
    if colours:
        from PIL import Image  # fpdf2's dependency, in the test extras

        with Image.open(out) as image:
            small = image.convert("RGB").quantize(colours, dither=Image.Dither.NONE)
        small.save(out, optimize=True)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/review.png")
    screenshot(target, colours=96)
    print(target)
