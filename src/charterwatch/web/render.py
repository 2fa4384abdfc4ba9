"""One context, two renderings: a page function returns one pydantic model; HTML and JSON both serialise it.

``@page(router, "/texts/{ref}", template="texts/version.html", model=VersionPage)`` registers the function
twice: ``GET /api/texts/{ref}`` returns the model as JSON (described in /openapi.json), and
``GET /texts/{ref}`` renders the template with the model as ``page``. The function itself is plain sync code
over the domain services, run in FastAPI's thread pool, so the API can never lag behind the pages.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from pydantic import BaseModel

API_PREFIX: Final = "/api"
TEMPLATES_DIR: Final = Path(__file__).resolve().parent / "templates"
STATIC_DIR: Final = Path(__file__).resolve().parent / "static"

PAGE_NAMES: set[str] = set()  # the HTML routes that have a JSON twin
PageModel = TypeVar("PageModel", bound=BaseModel)
PageFunction = Callable[..., Any]


def make_templates() -> Jinja2Templates:
    """The Jinja2 environment: autoescaped, strict about undefined names, with the app's filters."""
    from jinja2 import StrictUndefined

    from charterwatch import i18n

    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    templates.env.add_extension("jinja2.ext.i18n")
    templates.env.undefined = StrictUndefined
    # newstyle: ``_("... %(n)s", n=3)`` formats after translating, and autoescapes the arguments
    templates.env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    templates.env.filters["number"] = lambda value: i18n.format_number(value)
    templates.env.filters["date"] = lambda value: i18n.format_date(value)
    templates.env.filters["percent"] = lambda share: f"{100 * float(share):.1f}%"
    templates.env.filters["marked"] = marked
    return templates


def marked(snippet: str) -> Markup:
    """A search snippet, escaped, with the words between ``**`` marks in ``<mark>``."""
    parts = str(snippet).split("**")
    return Markup("").join(
        Markup("<mark>{}</mark>").format(p) if i % 2 else escape(p) for i, p in enumerate(parts)
    )


def page(
    router: APIRouter,
    path: str,
    *,
    template: str,
    model: type[BaseModel],
    name: str,
    summary: str | None = None,
    **route_options: Any,
) -> Callable[[PageFunction], PageFunction]:
    """Register a page function as ``GET {path}`` (HTML) and ``GET /api{path}`` (JSON of ``model``).

    The function must accept ``request: Request``; every other parameter is an ordinary FastAPI parameter
    (path, query, dependencies), shared by both routes. ``route_options`` go to both (``dependencies=``).
    """

    def register(function: PageFunction) -> PageFunction:
        PAGE_NAMES.add(name)
        router.add_api_route(
            API_PREFIX + path,
            function,
            methods=["GET"],
            response_model=model,
            name=f"api_{name}",
            summary=summary,
            **route_options,
        )

        @functools.wraps(function)
        def html(*args: Any, **kwargs: Any) -> HTMLResponse:
            context = function(*args, **kwargs)
            return render(kwargs["request"], template, context)

        router.add_api_route(
            path,
            html,
            methods=["GET"],
            response_model=None,
            response_class=HTMLResponse,
            include_in_schema=False,
            name=name,
            **route_options,
        )
        return function

    return register


def render(
    request: Request, template: str, context: BaseModel | None, *, status_code: int = 200, **extra: Any
) -> HTMLResponse:
    """Render ``template`` with the page model as ``page`` and the viewer, CSRF token and URLs it needs."""
    from charterwatch import i18n
    from charterwatch.web.auth import viewer_of

    templates: Jinja2Templates = request.app.state.templates
    lang = request.scope.get("state", {}).get("lang", i18n.DEFAULT)
    i18n.current.set(lang)  # the template renders now, on this thread
    return templates.TemplateResponse(
        request,
        template,
        {
            "page": context,
            "viewer": viewer_of(request),
            "csrf_token": LazyToken(request),
            "api_url": _api_url(request),
            "lang": lang,
            "languages": i18n.NAMES,
            **extra,
        },
        status_code=status_code,
    )


class LazyToken:
    """The session's CSRF token, made only when a template prints it (a form): a page without a form then
    sets no session cookie, so web/response_cache.py may keep it for anonymous readers."""

    def __init__(self, request: Request) -> None:
        self.request = request

    def __str__(self) -> str:
        from charterwatch.web.csrf import csrf_token

        return csrf_token(self.request)

    def __html__(self) -> str:
        return str(escape(str(self)))

    def __bool__(self) -> bool:
        """Whether the session already holds a token (testing it makes none)."""
        from charterwatch.web.csrf import SESSION_KEY

        return "session" in self.request.scope and isinstance(self.request.session.get(SESSION_KEY), str)


def _api_url(request: Request) -> str | None:
    """The JSON twin of an HTML page, linked from every page (None on error pages and the API itself)."""
    route = request.scope.get("route")
    if getattr(route, "name", None) not in PAGE_NAMES:
        return None
    query = f"?{request.url.query}" if request.url.query else ""
    return API_PREFIX + request.url.path + query


def wants_json(request: Request) -> bool:
    """Whether an error should be answered as JSON: API paths, and clients that ask only for JSON."""
    accept = request.headers.get("accept", "")
    return request.url.path.startswith(API_PREFIX) or (
        "application/json" in accept and "text/html" not in accept
    )


def after_action(request: Request, location: str, state: Any, *, status_code: int = 200) -> Response:
    """What a form or API action answers: its new state as JSON for a client that asks (scripts, htmx),
    else a 303 back to ``location`` so a browser's reload never repeats the action."""
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse(state, status_code=status_code)
    return RedirectResponse(location, status_code=303)
