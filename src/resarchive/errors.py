"""Errors a user can act on: each carries the exit code the CLI returns."""

from __future__ import annotations

from pathlib import Path


class ResarchiveError(Exception):
    """A failure explained in one line; `exit_code` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        self.path = str(path) if path is not None else None
        super().__init__(message)

    def __reduce__(self):
        # Errors cross from ingest worker processes to the parent: keep the path.
        return (self.__class__, (str(self), self.path))

    def line(self) -> str:
        return f"{self.path}: {self}" if self.path else str(self)


class InputError(ResarchiveError):
    """A source file that cannot be read as a resolution."""

    exit_code = 3


class NotFoundError(InputError):
    exit_code = 4


class EmptyInputError(InputError):
    exit_code = 5


class BinaryInputError(InputError):
    exit_code = 6


class EncodingError(InputError):
    exit_code = 7


class TooLargeError(InputError):
    exit_code = 8


class NotResolutionError(InputError):
    exit_code = 9


class NoTextLayerError(InputError):
    """A PDF of page images (a scan): there is no text to extract without OCR."""

    exit_code = 12


class CorruptDocumentError(InputError):
    """A .docx, PDF or RTF file that its format's reader cannot open."""

    exit_code = 13


class NoSourcesError(InputError):
    """A folder given to ingest that holds no source file to read."""

    exit_code = 14


class ResourceLimitError(InputError):
    """Reading one file went over a bound of the ingest fence (time or memory), or the
    process reading it died: the file is skipped, the batch goes on."""

    exit_code = 16


class MissingToolError(InputError):
    """A file needs a program that is not installed (a .doc converter, Tesseract)."""

    exit_code = 17


class ExtractionFailedError(ResarchiveError):
    """An unexpected failure (a bug) while reading or extracting one file.

    The batch goes on with the other files; `detail` keeps the traceback for --debug.
    """

    exit_code = 15

    def __init__(self, message: str, path: Path | str | None = None, detail: str = "") -> None:
        super().__init__(message, path)
        self.detail = detail

    def __reduce__(self):
        return (self.__class__, (str(self), self.path, self.detail))


class ArchiveError(ResarchiveError):
    """The archive folder or one of its records is unusable."""

    exit_code = 10


class LockTimeoutError(ArchiveError):
    exit_code = 11


class NewVersionError(ArchiveError):
    """A changed version of a source file already in the archive: stored only with
    `ingest --replace` (and `--force` when the old record is reviewed or edited by hand)."""

    exit_code = 18
