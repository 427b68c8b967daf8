"""`resarchive serve` and `resarchive report`: the archive in the browser.

A local web application (Starlette, Jinja2 templates, served by uvicorn) where a
methodist reads a record's source text with every extracted item highlighted, corrects
the record in a form and marks it reviewed, and an analyst filters records (the `query`
filters, through the same index), looks at the `stats` as charts and exports what a
filter found. `report` writes the record page as one self-contained HTML file.

Modules: `app` (routes, CSRF, security headers), `server` (binding and uvicorn),
`pages` (what each page shows, from the archive), `form` (the record form: from a record,
from what was posted, validated), `sources` (reading record and raw files, inside the
archive only), `highlight` (spans to HTML), `charts` (SVG bar charts), `render` (the
Jinja2 environment, in the interface's language), `labels` (the Russian names of
record values), `report`. Nothing here is imported by the other commands.
"""
