"""Query through the index: lemma matching, aliases, addressees, rows mode, formats."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resarchive.archive import Archive
from resarchive.cli import app
from resarchive.query import Filters, find_recommendations, find_records, name_words, open_index

from .archive_factory import add_record, sample_archive

runner = CliRunner()


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_archive(tmp_path_factory.mktemp("query") / "archive")


def ids(root: Path, **filters) -> list[str]:
    with open_index(Archive(root)) as index:
        return [r["id"] for r in find_records(index, Filters(**filters))]


def rows(root: Path, **filters) -> list[tuple[str, str | None, str]]:
    with open_index(Archive(root)) as index:
        return [
            (r.record_id, r.addressee, r.text)
            for r in find_recommendations(index, Filters(**filters))
        ]


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--archive", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("org", "want"),
    [
        # the abbreviation finds the full name (gazetteer), and the short form
        ("РБА", ["2014-05-20-rba", "2021-11-24-kamchatka"]),
        # the full name, inflected, finds the record that only says "РБА"
        ("Российской библиотечной ассоциации", ["2014-05-20-rba", "2021-11-24-kamchatka"]),
        ("ККДБ", ["2021-11-24-kamchatka"]),
        ("Камчатской краевой детской библиотеки", ["2021-11-24-kamchatka"]),
        # "имени" = "им.", initials in the name ignored
        ("библиотека имени Маяковского", ["2022-06-08-club"]),
        ("библиотеку им. Маяковского", ["2022-06-08-club"]),
        ("ЦГПБ им. В. В. Маяковского", ["2022-06-08-club"]),
        ("библиотека имени Пушкина", ["2023-03-01-pushkin"]),
        # every query lemma must appear in one name
        ("детская библиотека имени Маяковского", []),
        ("Российская государственная библиотека", []),
    ],
)
def test_org_matching(root: Path, org: str, want: list[str]) -> None:
    assert ids(root, org=org) == want


@pytest.mark.parametrize(
    ("option", "value", "want"),
    [
        ("person", "Чернова", ["2022-06-08-club"]),
        ("person", "Чернов В. Н.", ["2022-06-08-club"]),
        ("person", "Абрамкиной", ["2021-11-24-kamchatka"]),
        ("person", "Петрова", []),
        ("place", "Рязани", ["2014-05-20-rba"]),
        ("place", "в Петропавловске-Камчатском", ["2021-11-24-kamchatka"]),
        ("place", "Твери", ["2023-03-01-pushkin"]),
        ("text", "социальные сети", ["2014-05-20-rba", "2022-06-08-club"]),
        ("text", "в социальных сетях", ["2014-05-20-rba", "2022-06-08-club"]),
        ("text", "социальных медиа", ["2014-05-20-rba"]),  # title and event name
        ("text", "чтецов конкурс", ["2022-06-08-club"]),
        ("text", "социальные чтецы", []),  # words from two recommendations do not combine
        ("addressee", "муниципальных библиотек", ["2014-05-20-rba", "2022-06-08-club"]),
        ("addressee", "детские библиотеки", ["2023-03-01-pushkin"]),
        ("type", "seminar", ["2021-11-24-kamchatka"]),
    ],
)
def test_name_and_text_matching(root: Path, option: str, value: str, want: list[str]) -> None:
    assert ids(root, **{option: value}) == want


def test_filters_combine_with_and(root: Path) -> None:
    assert ids(root, date_from=date(2022, 1, 1)) == ["2022-06-08-club", "2023-03-01-pushkin"]
    assert ids(root, date_to=date(2021, 12, 31), org="РБА") == [
        "2014-05-20-rba",
        "2021-11-24-kamchatka",
    ]
    assert ids(root, text="социальные сети", date_from=date(2020, 1, 1)) == ["2022-06-08-club"]
    assert ids(root, person="Чернова", place="Рязань") == []


def test_name_words_drop_initials_and_imeni() -> None:
    assert name_words("библиотека им. В. В. Маяковского", "org") == ["библиотека", "маяковского"]
    assert name_words("Чернов В. Н.", "person") == ["чернов"]
    assert name_words("В", "person") == ["в"]  # nothing else left: keep what there is


def test_rows_mode_lists_matching_recommendations(root: Path) -> None:
    assert rows(root, addressee="муниципальным библиотекам") == [
        ("2014-05-20-rba", "Муниципальным библиотекам", "Продолжить работу в социальных сетях."),
        (
            "2022-06-08-club",
            "Муниципальным библиотекам",
            "Создать страницы библиотек в социальных сетях.",
        ),
    ]
    # --text picks recommendations by their own text; the title does not count here
    assert rows(root, text="социальные медиа") == []
    assert rows(root, text="конкурс", person="Чернова") == [
        ("2022-06-08-club", None, "Провести конкурс чтецов.")
    ]
    # without recommendation filters: every recommendation of the matching records
    assert [r[2] for r in rows(root, org="РБА", date_to=date(2015, 1, 1))] == [
        "Продолжить работу в социальных сетях.",
        "Поддержать издание методических рекомендаций.",
    ]


def test_cli_rows_recommendations_formats(root: Path) -> None:
    args = ["query", "--addressee", "муниципальные библиотеки", "--rows", "recommendations"]
    code, stdout, _ = cli(root, *args, "--format", "csv")
    assert code == 0
    table = list(csv.reader(io.StringIO(stdout.removeprefix("\ufeff"))))
    assert table[0] == ["id", "date", "event", "number", "section", "addressee", "text"]
    assert [(r[0], r[1], r[5]) for r in table[1:]] == [
        ("2014-05-20-rba", "2014-05-20", "Муниципальным библиотекам"),
        ("2022-06-08-club", "2022-06-08", "Муниципальным библиотекам"),
    ]
    code, stdout, _ = cli(root, *args, "--format", "json")
    assert [r["text"] for r in json.loads(stdout)][1].startswith("Создать страницы")
    code, stdout, stderr = cli(root, *args)
    assert code == 0 and "Муниципальным" in stdout and "2 recommendations" in stderr


def test_cli_json_is_an_array_of_whole_records(root: Path) -> None:
    code, stdout, _ = cli(root, "query", "--person", "Чернова", "--format", "json")
    assert code == 0
    (record,) = json.loads(stdout)
    assert record["id"] == "2022-06-08-club"
    assert record["persons"][0]["name"] == "Чернов Владимир Николаевич"
    assert record["recommendations"][0]["span"] == [10, 40]
    code, stdout, _ = cli(root, "query", "--person", "Петрова", "--format", "json")
    assert json.loads(stdout) == []


def test_cli_yaml_and_csv_and_table(root: Path) -> None:
    code, stdout, _ = cli(root, "query", "--org", "РБА", "--format", "yaml")
    assert code == 0 and stdout.count("recommendations:") == 2 and "---\n" in stdout
    code, stdout, _ = cli(root, "query", "--org", "РБА", "--format", "csv")
    lines = stdout.splitlines()
    assert lines[0].startswith("\ufeffid,start,end,type") and len(lines) == 3
    code, stdout, stderr = cli(root, "query", "--text", "семейное чтение")
    assert "2023-03-01" in stdout and "1 record" in stderr


def test_broken_record_is_skipped_and_the_rest_answer(tmp_path: Path) -> None:
    root = sample_archive(tmp_path / "archive")
    (root / "structured" / "zz-broken.yaml").write_text("id: zz-broken\nsource: [\n", "utf-8")
    add_record(root, "zz-bad-schema", type_="seminar")
    bad = root / "structured" / "zz-bad-schema.yaml"
    bad.write_text(bad.read_text("utf-8").replace("type: seminar", "type: party"), "utf-8")
    code, stdout, stderr = cli(root, "query", "--org", "РБА", "--format", "json")
    assert code == 0
    assert [r["id"] for r in json.loads(stdout)] == ["2014-05-20-rba", "2021-11-24-kamchatka"]
    skipped = [line for line in stderr.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == 2
    assert "zz-broken.yaml" in skipped[1] or "zz-broken.yaml" in skipped[0]
    assert any("zz-bad-schema.yaml" in s and "event.type" in s for s in skipped)


def test_bad_date_is_a_usage_error(root: Path) -> None:
    code, _, stderr = cli(root, "query", "--from", "24.11.2021")
    assert code == 2 and "is not a date like 2021-11-24 (year-month-day)" in stderr
