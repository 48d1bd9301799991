"""``rkt-rules serve``: the reviewer's page and a small API, a thin ASGI app over the library.

Routes: ``GET /`` the page; ``POST /results`` the page with the uploaded
documents checked as one plan set; ``POST /api/check`` the JSON of
``check --format json``; ``POST /api/report?format=…`` a report as a download;
``POST /api/page?page=N`` one page of an uploaded PDF as a PNG (original.py); ``GET /healthz``. Uploads are read in memory (rkt_rules.web.uploads) and checked
by ``rkt_rules.check`` exactly as the command line checks files; nothing is
stored. Every answer carries a Content-Security-Policy that allows the page's
own script and stylesheet only; with a token, every request must show it.
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass, field
from typing import Any

from ..errors import InstallError, RktError
from ..locale import say
from .uploads import Upload, UploadRefused, read_uploads

REPORT_FORMATS = {"xlsx": "xlsx", "html": "html", "md": "markdown", "markdown": "markdown", "json": "json", "sarif": "sarif"}
MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "html": "text/html; charset=utf-8",
         "markdown": "text/markdown; charset=utf-8", "json": "application/json", "sarif": "application/sarif+json"}
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
                                 b"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
TOKEN_COOKIE = "rkt_rules_token"
MAX_IN_FLIGHT = 4
RETRY_AFTER = "5"  # seconds: a seed check takes well under one


def _lang_of(request, default: str) -> str:
    """The page's language the request asks for (``?lang=en``), else the server's."""
    asked = request.query_params.get("lang")
    return asked if asked in ("id", "en") else default


@dataclass
class Checker:
    """The rules and settings the server was started with, and one lock: checks run one at a time
    (they are CPU-bound; a project's vocabulary is set for the length of each)."""

    ruleset: Any
    config: Any
    lang: str = "id"
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Requests with files in flight (read, waiting for the lock, checked, rendered): past this many, a clear
    # 503 at once instead of a queue that grows until every client times out; /healthz never waits.
    slots: threading.BoundedSemaphore = field(default_factory=lambda: threading.BoundedSemaphore(MAX_IN_FLIGHT))

    def check(self, uploads: list[Upload], lang: str):
        """(report or None, the one-line errors of files that could not be read). The report holds the files
        that could not be read too (``errors``, ``unreadable``), so a download names them as the page does."""
        import rkt_rules
        from ..read import read_data

        plans, refused = [], []
        for upload in uploads:
            try:
                plans.append(read_data(upload.data, upload.label))
            except InstallError:
                raise
            except RktError as error:
                refused.append(error)
        errors = [error.one_line(lang) for error in refused]
        if not plans:
            return None, errors
        with self.lock:
            report = rkt_rules.check(plans, rules=self.ruleset, config=self.config, lang=lang)
        report.errors, report.unreadable = refused, len(refused)
        return report, errors


def create_app(rules: list[str] | None = None, config=None, lang: str = "id", token: str | None = None,
               hosts: "frozenset[str] | None" = None):
    """The ASGI app: ``rules`` names or paths (default: the config's, else ``default``), ``config``
    a ProjectConfig or the path of an rkt-rules.toml, ``token`` required on every request when given;
    ``hosts``, when given, the only names a request's Host (and a form's Origin) may carry."""
    from starlette.applications import Starlette
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from ..api import load_rules
    from ..config import ProjectConfig, load_config

    if config is None:
        config = ProjectConfig.model_construct()
    elif not isinstance(config, ProjectConfig):
        from pathlib import Path

        config = load_config(Path(config))
    if config.vocabulary:
        from ..vocabulary import extend

        extend(config.vocabulary)
    checker = Checker(load_rules(*(rules or config.rules or [])), config, lang)

    def language(request) -> str:
        asked = request.query_params.get("lang")
        return asked if asked in ("id", "en") else checker.lang

    def bounded(handler):
        """A request with files takes a slot, or is told at once that the server is busy (503, Retry-After)."""
        async def answer(request):
            if not checker.slots.acquire(blocking=False):
                lang = language(request)
                message = say("web.busy", lang)
                if request.url.path == "/results":
                    from starlette.responses import HTMLResponse

                    from .page import render_page

                    return HTMLResponse(render_page(lang, problem=message), status_code=503, headers={"retry-after": RETRY_AFTER})
                busy = _error(message, 503)
                busy.headers["retry-after"] = RETRY_AFTER
                return busy
            try:
                return await handler(request)
            finally:
                checker.slots.release()

        return answer

    async def page(request):
        from starlette.responses import HTMLResponse

        from .page import render_page

        return HTMLResponse(render_page(language(request)))

    async def results(request):
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import HTMLResponse

        from .page import render_page

        try:
            uploads, asked = await read_uploads(request)
        except UploadRefused as refused:
            lang = language(request)
            return HTMLResponse(render_page(lang, problem=say(f"web.{refused.key}", lang, **refused.values)), status_code=refused.status)
        lang = asked if asked in ("id", "en") else language(request)
        report, errors = await run_in_threadpool(checker.check, uploads, lang)
        html = await run_in_threadpool(lambda: render_page(lang, report, errors, rules=checker.ruleset.rules,
                                                                hierarchy=checker.config.hierarchy,
                                                                uploads=[upload.label for upload in uploads]))  # off the event loop
        return HTMLResponse(html, status_code=200 if report is not None else 422)

    async def checked(request, lang: str):
        """(report, None) or (None, the error answer) for an API call."""
        from starlette.concurrency import run_in_threadpool

        try:
            uploads, _ = await read_uploads(request)
        except UploadRefused as refused:
            return None, _error(say(f"web.{refused.key}", lang, **refused.values), refused.status)
        report, errors = await run_in_threadpool(checker.check, uploads, lang)
        if report is None:  # no file of the request is a plan: nothing to report
            return None, _error(errors[0], 422, errors)
        return report, None  # the rest of a partly refused set: the refused files are named in the report

    async def api_check(request):
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import Response

        from ..report.formats import render

        report, failed = await checked(request, language(request))
        if failed is not None:
            return failed
        body = await run_in_threadpool(render, report, "json")  # off the event loop: /healthz answers meanwhile
        return Response(body, media_type="application/json", headers=_refused(report))

    async def api_report(request):
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import Response

        from ..report.formats import FORMATS, render

        lang = language(request)
        asked = request.query_params.get("format", "")
        name = REPORT_FORMATS.get(asked)
        if name is None:
            return _error(say("web.bad_format", lang, value=asked, known="xlsx, html, md, json, sarif"), 400)
        report, failed = await checked(request, lang)
        if failed is not None:
            return failed
        body = await run_in_threadpool(render, report, name)
        plans = sorted(report.plans)
        stem = plans[0].rsplit(".", 1)[0] if len(plans) == 1 else "rkt-rules"
        filename = _ascii(stem) + FORMATS[name].suffix
        return Response(body, media_type=MEDIA[name], headers={"content-disposition": f'attachment; filename="{filename}"', **_refused(report)})

    async def api_page(request):
        """One page of the uploaded PDF, drawn: the original beside a row the reviewer doubts."""
        from starlette.concurrency import run_in_threadpool
        from starlette.responses import Response

        from .original import NoPage, page_png

        lang = language(request)
        asked = request.query_params.get("page", "")
        if not asked.isdigit():
            return _error(say("web.page_bad_number", lang, value=asked[:20]), 400)
        try:
            uploads, _ = await read_uploads(request)
        except UploadRefused as refused:
            return _error(say(f"web.{refused.key}", lang, **refused.values), refused.status)
        try:
            png = await run_in_threadpool(page_png, uploads[0].data, int(asked))
        except NoPage as refused:
            return _error(say(f"web.{refused.key}", lang, **refused.values), 400 if refused.key != "page_unreadable" else 422)
        return Response(png, media_type="image/png", headers={"cache-control": "no-store"})

    async def healthz(request):
        from starlette.responses import PlainTextResponse

        return PlainTextResponse("ok")

    async def no_icon(request):
        from starlette.responses import Response

        return Response(status_code=204)  # browsers ask; the page has none

    app = Starlette(routes=[
        Route("/", page, methods=["GET"]),
        Route("/results", bounded(results), methods=["POST"]),
        Route("/api/check", bounded(api_check), methods=["POST"]),
        Route("/api/report", bounded(api_report), methods=["POST"]),
        Route("/api/page", bounded(api_page), methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/favicon.ico", no_icon, methods=["GET"]),
        Mount("/static", StaticFiles(packages=[("rkt_rules.web", "static")]), name="static"),
    ])
    return Guard(app, token, checker, hosts)


def _refused(report) -> dict[str, str]:
    """How many uploaded files could not be read, for a client that wants to say so beside the report."""
    return {"x-rkt-rules-unreadable": str(report.unreadable)} if report.unreadable else {}


def _error(message: str, status: int, errors: list[str] | None = None):
    from starlette.responses import JSONResponse

    body: dict[str, Any] = {"error": message}
    if errors and len(errors) > 1:
        body["errors"] = errors
    return JSONResponse(body, status_code=status)


def _ascii(text: str) -> str:
    """A download's name as every browser takes it in a header: letters, digits, dot, dash, underscore."""
    import re

    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "rkt-rules"


class Guard:
    """Around the app: the security headers on every answer, and the token on every request.

    The token may come as ``Authorization: Bearer …``, as ``?token=…`` (the URL the
    server prints; the browser is then given a cookie for the page's own requests),
    or as that cookie."""

    def __init__(self, app, token: str | None, checker: Checker, hosts: "frozenset[str] | None" = None):
        self.app, self.token, self.checker, self.hosts = app, token, checker, hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        from starlette.requests import Request

        request = Request(scope)
        if self.hosts is not None and not self._own(request):
            lang = _lang_of(request, self.checker.lang)
            return await _error(say("web.host", lang), 403)(scope, receive, self._headers(send, None))
        set_cookie = None
        if self.token is not None:
            given = self._given(request)
            if given is None or not hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8")):
                lang = _lang_of(request, self.checker.lang)
                if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
                    from starlette.responses import HTMLResponse

                    from .page import render_page

                    # a browser opened without the server's link: the page, saying so, not a line of JSON
                    page = HTMLResponse(render_page(lang, problem=say("web.token_page", lang)), status_code=401)
                    return await page(scope, receive, self._headers(send, None))
                return await _error(say("web.token", lang), 401)(scope, receive, self._headers(send, None))
            if request.query_params.get("token") is not None:
                set_cookie = f"{TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
                if request.method == "GET":
                    # the cookie carries the token from now on: the address bar (and its history) lose it
                    from starlette.datastructures import URL
                    from starlette.responses import RedirectResponse

                    kept = [(key, value) for key, value in request.query_params.multi_items() if key != "token"]
                    target = URL(scope=scope).replace_query_params(**dict(kept)) if kept else URL(scope=scope).replace(query="")
                    onward = RedirectResponse(f"{target.path}{'?' + target.query if target.query else ''}", status_code=303)
                    return await onward(scope, receive, self._headers(send, set_cookie))
        await self.app(scope, receive, self._headers(send, set_cookie))

    def _own(self, request) -> bool:
        """A page served on loopback answers only requests addressed to it (a Host of another name is a DNS
        rebinding) and takes forms only from its own pages (an Origin of another site is a cross-site post)."""
        from urllib.parse import urlsplit

        def name(netloc: str) -> str:
            return (urlsplit(f"//{netloc}").hostname or "").lower()

        if name(request.headers.get("host", "")) not in self.hosts:  # type: ignore[operator]
            return False
        origin = request.headers.get("origin")
        if request.method not in ("GET", "HEAD", "OPTIONS") and origin not in (None, "null"):
            return name(urlsplit(origin).netloc) in self.hosts  # type: ignore[operator]
        return True

    def _given(self, request) -> str | None:
        authorization = request.headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            return authorization[7:].strip()
        return request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE)

    @staticmethod
    def _headers(send, cookie: str | None):
        async def sending(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", [])) + SECURITY_HEADERS
                if cookie is not None:
                    headers.append((b"set-cookie", cookie.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)
        return sending
