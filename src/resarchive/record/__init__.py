"""Stage 5, record: the record contract (`models`), its YAML (`yamlio`) and reading a record
file back (`parse`). Nothing is imported here, so that light commands never load pydantic."""
