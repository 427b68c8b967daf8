"""The web application: routes, CSRF tokens, security headers. Starlette (the ASGI toolkit
FastAPI is built on): the pages are server-rendered HTML forms, which need its routing,
requests and responses but none of FastAPI's JSON API layer.

Routes (all but the save are GET):
- `/`: the records, filtered with `query`'s filters (`?org=…&person=…&from=…&type=…`),
  `reviewed=no|yes`, `sort=…`, `unreviewed_first=1`, `page=N`;
- `/records/{id}`: a record, its source text highlighted beside its form; POST saves it;
- `/report/{id}`: the same record as one self-contained HTML file (`resarchive report`);
- `/stats`: `resarchive stats` as charts;
- `/export.csv`, `/export.jsonl` (`?rows=recommendations`, and the list's filters);
- `/static/style.css`, `/static/review.js`: the stylesheet and the page script.

Security: every value from a record or a document goes through Jinja2's autoescaping
(`highlight.py` escapes the source text piece by piece); a POST must carry a token that
is an HMAC, under a key made at start, of a random cookie (SameSite=Strict, HttpOnly)
and come from our own origin, else nothing is saved; record ids are matched against the
archive's id pattern and files are read only inside the archive (`sources.py`); the two
static files are served by fixed name, no URL becomes a path; only the Host names of
the address served are answered (a DNS-rebinding page gets 400); the
Content-Security-Policy allows our own script and stylesheet only. Nothing in a record is
ever run: records are parsed with YAML's safe loader and shown as text.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import re
import secrets
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import ArchiveError
from ..i18n import _
from . import pages
from .render import STATIC, render
from .sources import NotInArchive, WebArchive

CSRF_COOKIE = "resarchive_csrf"
_COOKIE_VALUE = re.compile(r"[A-Za-z0-9_-]{43}")
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",  # no-referrer would make a form's Origin "null"
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]
# The only files served as they are: a URL names one of these keys, never a path.
STATIC_FILES = {"style.css": "text/css", "review.js": "text/javascript"}


class SecurityHeaders:
    """Adds `SECURITY_HEADERS` to every response (pages, files, errors)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Csrf:
    """Signed double-submit tokens: the form's token is HMAC(key, the browser's cookie)."""

    def __init__(self, key: bytes | None = None) -> None:
        self.key = key or secrets.token_bytes(32)

    def _sign(self, cookie: str) -> str:
        return hmac.new(self.key, cookie.encode("ascii"), hashlib.sha256).hexdigest()

    def token(self, request: Request) -> tuple[str, str | None]:
        """(the token for this browser's forms, a new cookie to set or None)."""
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if _COOKIE_VALUE.fullmatch(cookie):
            return self._sign(cookie), None
        cookie = secrets.token_urlsafe(32)
        return self._sign(cookie), cookie

    def valid(self, request: Request, token: str) -> bool:
        cookie = request.cookies.get(CSRF_COOKIE, "")
        origin = request.headers.get("origin")
        if origin and urlsplit(origin).netloc != request.headers.get("host"):
            return False  # posted by a page of another site
        return bool(_COOKIE_VALUE.fullmatch(cookie) and token) and hmac.compare_digest(
            self._sign(cookie), token
        )


def create_app(archive: WebArchive, *, allowed_hosts: list[str] | None = None) -> Starlette:
    """The application serving `archive`; `allowed_hosts`: the Host names answered
    (default: loopback names only; ["*"] answers any)."""
    csrf = Csrf()
    name = str(archive.root)

    def page(request: Request, template: str, status: int = 200, **context: object) -> Response:
        token, new_cookie = csrf.token(request)
        html = render(template, archive_name=name, csrf=token, **context)
        response = HTMLResponse(html, status_code=status)
        if new_cookie:
            response.set_cookie(CSRF_COOKIE, new_cookie, httponly=True, samesite="strict", path="/")
        return response

    def error(request: Request, status: int, heading: str, message: str) -> Response:
        return page(request, "error.html", status, heading=heading, message=message)

    async def records(request: Request) -> Response:
        context = await run_in_threadpool(pages.records_context, archive, request.query_params)
        return page(request, "records.html", 400 if context["errors"] else 200, **context)

    async def record(request: Request) -> Response:
        record_id = request.path_params["record_id"]
        view = await run_in_threadpool(pages.record_view, archive, record_id)
        saved = request.query_params.get("saved", "")
        return page(request, "record.html", **pages.record_context(view, saved=saved))

    async def save(request: Request) -> Response:
        record_id = request.path_params["record_id"]
        async with request.form(max_files=0, max_fields=20000) as form:
            fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
        valid = csrf.valid(request, fields.get("csrf", ""))
        result = await run_in_threadpool(pages.save, archive, record_id, fields, valid)
        if result.draft is None:
            return RedirectResponse(f"/records/{record_id}?saved={result.status}", 303)
        assert result.view is not None
        context = pages.record_context(result.view, result.draft)
        return page(request, "record.html", result.http_status, **context)

    async def report(request: Request) -> Response:
        from .report import render_report

        record_id = request.path_params["record_id"]
        try:
            html = await run_in_threadpool(render_report, archive, [record_id])
        except ArchiveError as exc:
            return error(request, 404, _("Not found"), str(exc))
        headers = {"content-disposition": f'attachment; filename="{record_id}.html"'}
        return HTMLResponse(html, headers=headers)

    async def stats(request: Request) -> Response:
        context = await run_in_threadpool(pages.stats_context, archive)
        return page(request, "stats.html", **context)

    async def export(request: Request) -> Response:
        from ..export import export as write

        fmt = request.path_params["fmt"]
        rows = request.query_params.get("rows", "records")
        if fmt not in ("csv", "jsonl") or rows not in ("records", "recommendations"):
            raise HTTPException(404)
        filters, errors = pages.parse_filters(request.query_params)
        if filters is None:
            lines = [f"{field}: {m}" for field, ms in errors.items() for m in ms]
            return PlainTextResponse("\n".join(lines) + "\n", status_code=400)
        out = io.StringIO(newline="")
        await run_in_threadpool(write, archive, fmt, out, rows=rows, filters=filters)
        media = "text/csv" if fmt == "csv" else "application/x-ndjson"
        disposition = f'attachment; filename="resarchive-{rows}.{fmt}"'
        return Response(
            out.getvalue().encode("utf-8"),
            media_type=f"{media}; charset=utf-8",
            headers={"content-disposition": disposition},
        )

    async def static(request: Request) -> Response:
        media = STATIC_FILES.get(request.path_params["name"])
        if media is None:
            raise HTTPException(404)
        data = (STATIC / request.path_params["name"]).read_bytes()
        return Response(data, media_type=f"{media}; charset=utf-8")

    async def not_found(request: Request, exc: Exception) -> Response:
        message = str(exc) if isinstance(exc, NotInArchive) else _("There is no such page.")
        return error(request, 404, _("Not found"), message)

    async def unreadable(request: Request, exc: Exception) -> Response:
        return error(request, 409, _("The record cannot be read"), str(exc))

    async def server_error(request: Request, exc: Exception) -> Response:
        message = _(
            "Something went wrong on the server (a bug: the terminal running serve "
            "shows the details)."
        )
        return error(request, 500, _("Error"), message)

    routes = [
        Route("/", records),
        Route("/records/{record_id}", record, methods=["GET"]),
        Route("/records/{record_id}", save, methods=["POST"]),
        Route("/report/{record_id}", report),
        Route("/stats", stats),
        Route("/export.{fmt}", export),
        Route("/static/{name}", static),
    ]
    return Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOOPBACK_NAMES),
        ],
        exception_handlers={
            404: not_found,
            NotInArchive: not_found,
            pages.UnreadableRecord: unreadable,
            500: server_error,
        },
    )
