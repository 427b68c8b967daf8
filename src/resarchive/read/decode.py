"""Plain-text sources: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1251."""

from __future__ import annotations

from ..errors import BinaryInputError, EmptyInputError, EncodingError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def cut_utf8(data: bytes) -> int:
    """How many bytes at the end of `data` are the start of a UTF-8 character that the
    file was cut in the middle of (0 when the data ends on a whole character)."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return 0
        if byte >= 0xC0:  # a lead byte: how long its character should be
            needed = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return back if needed > back else 0
    return 0


def decode_as(data: bytes, encoding: str) -> str:
    """Bytes decoded as `decode` decoded them (the text a record's spans refer to)."""
    if encoding == "utf-8" and (cut := cut_utf8(data)):
        data = data[:-cut]
    return data.decode(encoding)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1251.

    Returns (text, encoding). Raises an InputError subclass naming the cause. A UTF-8
    file cut in the middle of its last character stays UTF-8 (the broken character is
    left out, `cut_warning` says so): read as Windows-1251 it would be mojibake.
    """
    if not data:
        raise EmptyInputError("empty file (0 bytes)", name)
    if not data.strip():
        raise EmptyInputError("file holds only whitespace", name)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise EncodingError(f"cannot decode as {encoding}: {exc.reason}", name) from exc
            return _check_text(text, name), encoding
    if b"\x00" in data[:8192]:
        raise BinaryInputError("binary file (NUL bytes), not text", name)
    try:
        return _check_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    cut = cut_utf8(data)
    whole = data[:-cut] if cut else b""
    if cut and not whole.isascii() and _is_utf8(whole):
        return _check_text(whole.decode("utf-8"), name), "utf-8"
    # Windows-1251 decodes almost any byte string, so accept it only when the
    # result reads as Cyrillic prose rather than as mojibake of some other encoding.
    text = data.decode("cp1251", errors="replace")
    letters = sum(ch.isalpha() for ch in text)
    cyrillic = sum("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in text)
    if "\ufffd" in text or letters == 0 or cyrillic / letters < 0.5:
        if cut and whole and _is_utf8(whole):  # ASCII cut after the lead byte of a letter
            return _check_text(whole.decode("utf-8"), name), "utf-8"
        raise EncodingError("not UTF-8, UTF-16 or Windows-1251 text", name)
    return _check_text(text, name), "cp1251"


def _check_text(text: str, name: str) -> str:
    if not text.strip():
        raise EmptyInputError("file holds only whitespace", name)
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if control / len(text) > 0.01:
        raise BinaryInputError("binary file (control characters), not text", name)
    return text


def cut_warning(data: bytes, encoding: str) -> str | None:
    """The warning for a UTF-8 file that ends in the middle of a character, else None."""
    if encoding == "utf-8" and (cut := cut_utf8(data)):
        return (
            f"the file ends in the middle of a UTF-8 character (cut short?): its last "
            f"{cut} byte(s) were left out"
        )
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
