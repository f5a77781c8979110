"""The Starlette application: routes, the JSON variant of every page, the token guard.

Handlers are plain functions (Starlette runs them in its thread pool): every read is a
synchronous call to the read-only executor. Nothing here writes.
"""

from __future__ import annotations

import csv
import datetime as dt
import hmac
import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from veille import VeilleError, __version__
from veille.schema.database import Database
from veille.schema.readonly import ReadOnly, jsonable, read, text_cell
from veille.web import markup, queries

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
SQL_TIMEOUT_S = 30.0
SQL_ROWS_SHOWN = 1000
PLOVER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODES = ("done", "planned", "threatened", "hypothetical", "denied")
NAV = (("/", "Overview"), ("/articles", "Articles"), ("/actors", "Actors"), ("/events", "Events"),
       ("/reports", "Reports"), ("/sql", "SQL"))
TOKEN_COOKIE = "veille_token"
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")


class BadRequest(VeilleError):
    """A parameter the user can fix (HTTP 400)."""


# ----------------------------------------------------------------------------- templates

@cache
def environment():
    from veille.reports import registry, render

    # the reports' Environment (same filters, charts, autoescape, StrictUndefined), with the web
    # templates first and the reports' macros available to them
    env = render.environment((TEMPLATES, registry.PACKAGE_DIR / "templates"))
    env.globals.update(url=url, highlight=markup.highlight, annotate=markup.annotate,
                       document_text=markup.document_text, nav=NAV, version=__version__)
    return env


def url(path: str, **params: Any) -> str:
    """`path?a=1&b=2` without the empty parameters (values are encoded, then escaped by the template)."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return path + ("?" + urlencode(kept, doseq=True) if kept else "")


@cache
def stylesheet() -> str:
    """The reports' stylesheet (one look for reports and pages) followed by the web view's own."""
    from veille.reports import registry

    base = (registry.PACKAGE_DIR / "templates" / "_base.html.j2").read_text(encoding="utf-8")
    found = re.search(r"<style>(.*?)</style>", base, re.S)
    return (found.group(1).strip() + "\n\n" if found else "") + (STATIC / "web.css").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- helpers

def fmt_of(request: Request) -> str:
    return request.scope.get("veille_format") or request.query_params.get("format") or "html"


def respond(request: Request, template: str, data: dict, *, status: int = 200, title: str = "") -> Response:
    if fmt_of(request) == "json":
        body = json.dumps(jsonable(data), ensure_ascii=False, indent=2, sort_keys=True)
        return Response(body + "\n", status_code=status, media_type="application/json")
    query = {k: v for k, v in request.query_params.multi_items() if k != "format"}
    path = request.url.path
    json_url = url(("/index" if path == "/" else path.rstrip("/")) + ".json", **dict(query))
    context = {"data": data, "title": title, "path": path, "query": dict(query), "json_url": json_url,
               "database": request.app.state.db_label, "here": _here(request)}
    html = environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status)


def _here(request: Request):
    """url_with(**changes): this page's URL with some parameters changed (pagination, sorting)."""
    current = {k: v for k, v in request.query_params.multi_items() if k not in ("format",)}

    def url_with(**changes: Any) -> str:
        merged = {**current, **changes}
        return url(request.url.path, **merged)

    return url_with


def arg(request: Request, name: str) -> str | None:
    value = request.query_params.get(name)
    return value.strip() if value and value.strip() else None


def int_arg(request: Request, name: str) -> int | None:
    value = arg(request, name)
    if value is None:
        return None
    if not value.isdigit():
        raise BadRequest(f"{name} must be a number, got {value!r}")
    return int(value)


def date_arg(request: Request, name: str) -> dt.date | None:
    value = arg(request, name)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{name} must be a date (YYYY-MM-DD), got {value!r}") from None


def choice_arg(request: Request, name: str, choices: tuple[str, ...]) -> str | None:
    value = arg(request, name)
    if value is not None and value not in choices:
        raise BadRequest(f"{name} must be one of {', '.join(choices)}, got {value!r}")
    return value


def actor_arg(request: Request, ro: ReadOnly, name: str) -> dict | None:
    """An actor given by id (links) or by any of its names (forms), as `veille report --actor`."""
    from veille.reports.params import find_actor

    value = arg(request, name)
    if value is None:
        return None
    if value.isdigit():
        found = queries.actor_by_id(ro, int(value))
        if found is None:
            raise BadRequest(f"no actor with id {value}: the Actors page lists them")
        return found
    ref = find_actor(request.app.state.db, value)
    return {"id": ref.id, "canonical_name": ref.canonical_name}


def reader(request: Request) -> ReadOnly:
    """The page's read-only transaction (every statement of the page, one snapshot)."""
    return ReadOnly(request.app.state.db, queries.TIMEOUT_S, hint="the web view is read-only")


def not_found(what: str) -> HTTPException:
    return HTTPException(404, f"{what} does not exist (it may have been merged or deleted)")


def _id(request: Request) -> int:
    return int(request.path_params["id"])


# ----------------------------------------------------------------------------- pages

def home(request: Request) -> Response:
    with reader(request) as ro:
        data = queries.overview(ro)
    return respond(request, "home.html.j2", data, title="Overview")


def articles(request: Request) -> Response:
    with reader(request) as ro:
        actor = actor_arg(request, ro, "actor")
        q = arg(request, "q")
        aq = queries.ArticleQuery(
            q=q, date_from=date_arg(request, "from"), date_to=date_arg(request, "to"),
            source=int_arg(request, "source"), lang=arg(request, "lang"), actor=actor["id"] if actor else None,
            event_type=choice_arg(request, "type", PLOVER), batch=int_arg(request, "batch"),
            duplicates=arg(request, "duplicates") is not None,
            sort=choice_arg(request, "sort", ("date", "oldest", "relevance")) or ("relevance" if q else "date"),
            after=arg(request, "after"))
        result = queries.search_articles(ro, aq)
        data = {"query": {"q": aq.q, "from": aq.date_from, "to": aq.date_to, "source": aq.source, "lang": aq.lang,
                          "actor": actor, "type": aq.event_type, "batch": aq.batch, "duplicates": aq.duplicates,
                          "sort": aq.sort, "after": aq.after},
                **result}
        if fmt_of(request) != "json":
            data["choices"] = {"sources": queries.sources(ro), "batches": queries.batches(ro),
                               "languages": queries.languages(ro), "types": PLOVER}
    return respond(request, "articles.html.j2", data, title=f"Search: {aq.q}" if aq.q else "Articles")


def _detail(request: Request, kind: str, fetch, title) -> Response:
    """One row's page (`/<kind>s/<id>`): `fetch(ro, id)` gives its data or None (404)."""
    with reader(request) as ro:
        found = fetch(ro, _id(request))
    if found is None:
        raise not_found(f"{kind} {_id(request)}")
    return respond(request, f"{kind}.html.j2", found, title=title(found))


def article(request: Request) -> Response:
    return _detail(request, "article", queries.article, lambda f: f["article"]["title"])


def document(request: Request) -> Response:
    return _detail(request, "document", queries.document, lambda f: f"Document {f['document']['path']}")


def actors(request: Request) -> Response:
    query = {"name": arg(request, "name"), "kind": arg(request, "kind"), "country": arg(request, "country")}
    with reader(request) as ro:
        result = queries.actor_list(ro, **query, after=arg(request, "after"))
    data = {"query": query, **result, "kinds": queries.actor_kinds()}
    return respond(request, "actors.html.j2", data, title="Actors")


def actor(request: Request) -> Response:
    return _detail(request, "actor", queries.dossier, lambda f: f["actor"]["canonical_name"])


def events(request: Request) -> Response:
    with reader(request) as ro:
        who, place = actor_arg(request, ro, "actor"), actor_arg(request, ro, "place")
        eq = queries.EventQuery(event_type=choice_arg(request, "type", PLOVER),
                                mode=choice_arg(request, "mode", MODES),
                                date_from=date_arg(request, "from"), date_to=date_arg(request, "to"),
                                actor=who["id"] if who else None, place=place["id"] if place else None,
                                after=arg(request, "after"))
        result = queries.event_list(ro, eq)
    data = {"query": {"type": eq.event_type, "mode": eq.mode, "from": eq.date_from, "to": eq.date_to,
                      "actor": who, "place": place, "after": eq.after}, **result, "types": PLOVER, "modes": MODES}
    return respond(request, "events.html.j2", data, title="Events")


def event(request: Request) -> Response:
    return _detail(request, "event", queries.event,
                   lambda f: f"{f['event']['event_type']} event {f['event']['id']}")


# ----------------------------------------------------------------------------- reports

def reports(request: Request) -> Response:
    from veille.reports import registry

    found = registry.discover(request.app.state.reports_dir)
    data = {"reports": [{"name": r.name, "title": r.title, "description": r.description, "params": r.params,
                         "formats": r.formats(), "path": str(r.path)} for r in found.values()]}
    return respond(request, "reports.html.j2", data, title="Reports")


OWN_PARAMS = ("date_from", "date_to", "prev_from", "prev_to", "actor_id", "batch_id")


def report_params(request: Request, rep) -> tuple[dict, dict, list[str]]:
    """The report's bound parameters and labels from the form, through the same resolution as
    `veille report` (reports/params.py), and the fields still to fill."""
    from veille.reports.params import resolve

    given = {k: arg(request, k) for k in ("from", "to", "week", "month", "actor", "batch")}
    missing: list[str] = []
    if ("date_from" in rep.params or "date_to" in rep.params) and not (
            given["week"] or given["month"] or (given["from"] and given["to"])):
        missing.append("a period")
    if "actor_id" in rep.params and not given["actor"]:
        missing.append("an actor")
    extra = {}
    for p in rep.params:
        if p not in OWN_PARAMS:
            value = request.query_params.get(p)
            if value is None or value == "":
                missing.append(p)
            else:
                extra[p] = value
    if missing:
        return {}, {}, missing
    actor = given["actor"]
    if actor and actor.isdigit():  # an id (the dossier's link): its key names it unambiguously
        with reader(request) as ro:
            found = queries.one(ro, "SELECT key FROM actors WHERE id = :id", id=int(actor))
        if found is None:
            raise BadRequest(f"no actor with id {actor}")
        actor = found["key"]
    params, labels = resolve(request.app.state.db, rep, date_from=given["from"], date_to=given["to"],
                             week=given["week"], month=given["month"], actor=actor, batch=given["batch"], extra=extra)
    return params, labels, missing


def report(request: Request) -> Response:
    from veille.reports import registry, render
    from veille.reports.params import ALIASES

    db = request.app.state.db
    name = request.path_params["name"]
    try:
        rep = registry.get(ALIASES.get(name, name), request.app.state.reports_dir)
    except VeilleError as exc:
        raise HTTPException(404, str(exc)) from None
    params, labels, missing = report_params(request, rep)
    fmt = fmt_of(request)
    if fmt in ("json", "md", "file"):
        if missing:
            raise BadRequest(f"report {rep.name!r} needs {', '.join(missing)}")
        out = "html" if fmt == "file" else fmt
        text = render.render(db, rep, params, out, labels=labels)
        media = {"json": "application/json", "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}
        headers = {} if fmt == "json" else {
            "Content-Disposition": f'attachment; filename="{rep.name}.{out}"'}
        return Response(text, media_type=media[out], headers=headers)
    body = None
    if not missing:
        if "html" in rep.formats():
            body = main_of(render.render(db, rep, params, "html", labels=labels))
        else:
            shown = "md" if "md" in rep.formats() else "json"
            body = Markup('<pre class="report-md">') + render.render(db, rep, params, shown, labels=labels) \
                + Markup("</pre>")
    data = {"report": {"name": rep.name, "title": rep.title, "description": rep.description, "params": rep.params,
                       "formats": rep.formats()},
            "labels": labels, "missing": missing, "body": body,
            "own_params": [p for p in rep.params if p not in OWN_PARAMS]}
    if "batch_id" in rep.params:
        with reader(request) as ro:
            data["batches"] = queries.batches(ro)
    title = rep.title + (f": {next(iter(labels.values()))}" if labels else "")
    return respond(request, "report.html.j2", data, title=title)


def main_of(html: str) -> Markup:
    """The content of a rendered HTML report (its <main>, else its <body>): already escaped by the
    report's autoescaping Environment; the page around it gives the heading and the style."""
    for tag in ("main", "body"):
        found = re.search(rf"<{tag}[^>]*>(.*)</{tag}>", html, re.S)
        if found:
            return Markup(found.group(1))
    return Markup(html)


# ----------------------------------------------------------------------------- sql

@cache
def examples() -> list[dict]:
    """The README's worked queries (veille/web/examples.sql: a `-- title` line, then the statement)."""
    out, current = [], None
    for line in (HERE / "examples.sql").read_text(encoding="utf-8").splitlines():
        if line.startswith("-- ") and (current is None or current["sql"].strip()):
            current = {"title": line[3:].strip(), "sql": ""}
            out.append(current)
        elif current is not None:
            current["sql"] += line + "\n"
    for e in out:
        e["sql"] = e["sql"].strip()
    return out


def sql(request: Request) -> Response:
    db = request.app.state.db
    statement = request.query_params.get("q") or ""
    raw_params = request.query_params.get("params") or ""
    fmt = fmt_of(request)
    data: dict[str, Any] = {"q": statement, "params": raw_params, "error": None, "columns": [], "rows": [],
                            "rowcount": None, "examples": examples(), "shown": SQL_ROWS_SHOWN}
    status = 200
    if statement.strip():
        try:
            params = parse_params(raw_params)
            result = read(db, statement, params, timeout_s=SQL_TIMEOUT_S, hint="the web view is read-only")
        except (ValueError, VeilleError) as exc:
            data["error"], status = str(exc).replace("with --param", "with a parameter line"), 400
        else:
            data.update(columns=result.columns, rows=result.rows, rowcount=len(result.rows))
    if fmt == "csv":
        if data["error"]:
            return PlainTextResponse(data["error"] + "\n", status_code=status)
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(data["columns"])
        writer.writerows([text_cell(v) for v in row] for row in data["rows"])
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="veille-query.csv"'})
    if fmt == "json":
        out = {"q": statement, "error": data["error"], "columns": data["columns"],
               "rows": [dict(zip(data["columns"], row, strict=True)) for row in data["rows"]]}
        return Response(json.dumps(jsonable(out), ensure_ascii=False, indent=2) + "\n", status_code=status,
                        media_type="application/json")
    return respond(request, "sql.html.j2", data, status=status, title="SQL")


def parse_params(lines: str) -> dict[str, str]:
    """`name=value` lines (as `veille sql --param`)."""
    from veille.reports.params import name_values

    try:
        return name_values(line for line in lines.splitlines() if line.strip())
    except ValueError as exc:
        raise BadRequest(f"parameters are name=value lines, got {str(exc).strip()!r}") from None


# ----------------------------------------------------------------------------- static, errors

def css(request: Request) -> Response:
    return Response(stylesheet(), media_type="text/css; charset=utf-8", headers={"Cache-Control": "max-age=3600"})


def favicon(request: Request) -> Response:
    return Response((STATIC / "favicon.svg").read_bytes(), media_type="image/svg+xml",
                    headers={"Cache-Control": "max-age=86400"})


def error_response(request: Request, status: int, message: str) -> Response:
    if fmt_of(request) in ("json", "csv"):
        return Response(json.dumps({"error": message}) + "\n", status_code=status, media_type="application/json")
    titles = {400: "Bad request", 401: "Token needed", 404: "Not found", 500: "Server error"}
    return respond(request, "error.html.j2", {"status": status, "message": message},
                   status=status, title=titles.get(status, "Error"))


def http_error(request: Request, exc: HTTPException) -> Response:
    return error_response(request, exc.status_code, exc.detail or "not found")


def veille_error(request: Request, exc: VeilleError) -> Response:
    return error_response(request, 400, str(exc))


def server_error(request: Request, exc: Exception) -> Response:
    return error_response(request, 500, f"{type(exc).__name__}: the server could not build this page")


# ----------------------------------------------------------------------------- the guard

class Guard:
    """ASGI middleware: `.json`/`.csv` suffixes, the optional token, the allowed Host names and
    the security headers of every response."""

    def __init__(self, app, token: str | None, allowed_hosts: list[str] | None):
        self.app, self.token, self.allowed_hosts = app, token, allowed_hosts
        self.state = app.state  # the database and settings, for tests and the command

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path: str = scope["path"]
        for suffix in (".json", ".csv"):
            if path.endswith(suffix) and not path.startswith("/static/"):
                path = path[: -len(suffix)] or "/"
                path = "/" if path == "/index" else path
                scope = dict(scope, path=path, veille_format=suffix[1:])
                break
        request = Request(scope)
        if self.allowed_hosts is not None:
            host = (request.headers.get("host") or "").rsplit(":", 1)[0].strip("[]")
            if host not in self.allowed_hosts:
                return await self._send(PlainTextResponse("Unknown host name: open this address as printed by "
                                                          "`veille serve`.\n", status_code=400), scope, receive, send)
        if self.token and not path.startswith("/static/") and path != "/favicon.ico":
            given = request.query_params.get("token")
            if given is not None and hmac.compare_digest(given.encode(), self.token.encode()):
                if request.method == "GET" and not scope.get("veille_format") and "format" not in request.query_params:
                    rest = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
                    response = RedirectResponse(request.url.path + ("?" + rest if rest else ""), status_code=303)
                    response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
                    return await self._send(response, scope, receive, send)
            elif not self._authorised(request):
                return await self._send(self._denied(request, scope), scope, receive, send)
        await self._send_app(scope, receive, send)

    def _authorised(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        candidates = [header[7:].strip()] if header.lower().startswith("bearer ") else []
        if TOKEN_COOKIE in request.cookies:
            candidates.append(request.cookies[TOKEN_COOKIE])
        return any(hmac.compare_digest(c.encode(), self.token.encode()) for c in candidates)

    def _denied(self, request: Request, scope) -> Response:
        if scope.get("veille_format") or request.query_params.get("format"):
            return Response(json.dumps({"error": "this server needs its token (Authorization: Bearer T or ?token=T)"})
                            + "\n", status_code=401, media_type="application/json",
                            headers={"WWW-Authenticate": "Bearer"})
        html = environment().get_template("token.html.j2").render(path=request.url.path)
        return HTMLResponse(html, status_code=401, headers={"WWW-Authenticate": "Bearer"})

    async def _send(self, response: Response, scope, receive, send):
        await response(scope, receive, self._with_headers(send))

    async def _send_app(self, scope, receive, send):
        await self.app(scope, receive, self._with_headers(send))

    @staticmethod
    def _with_headers(send):
        async def wrapped(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
                message = dict(message, headers=headers)
            await send(message)
        return wrapped


# ----------------------------------------------------------------------------- the app

def create_app(db: Database, reports_dir: str | None = None, token: str | None = None,
               allowed_hosts: list[str] | None = None):
    """The read-only web application over `db`. `reports_dir`: the user's reports (as
    --reports-dir); `token`: required on every page when set; `allowed_hosts`: the Host names
    accepted (None: any; `veille serve` on a loopback address allows only loopback names, so a web
    page elsewhere cannot read the database through a rebound DNS name)."""
    from veille.reports import registry

    registry.user_dir(reports_dir)  # fail now if the folder does not exist
    routes = [
        Route("/", home), Route("/articles", articles), Route("/articles/{id:int}", article),
        Route("/documents/{id:int}", document), Route("/actors", actors), Route("/actors/{id:int}", actor),
        Route("/events", events), Route("/events/{id:int}", event), Route("/reports", reports),
        Route("/reports/{name}", report), Route("/sql", sql), Route("/static/veille.css", css),
        Route("/static/favicon.svg", favicon), Route("/favicon.ico", favicon),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error, VeilleError: veille_error,
                                                       Exception: server_error})
    app.state.db = db
    app.state.db_label = "embedded server" if db.embedded_home else db.display_url
    app.state.reports_dir = reports_dir
    return Guard(app, token, allowed_hosts)
