"""Errors at the edge: a ``CharterwatchError`` becomes its catalogue HTTP status and one line, as JSON or HTML.

API paths (and clients that accept only JSON) get ``{"error": CODE, "message": ...}``; pages get the error
template with the same line. Unknown paths and validation failures take the same two shapes, so a script
never has to parse an HTML error and a person never sees a JSON one.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from charterwatch.errors import CharterwatchError, E
from charterwatch.web.limits import error_body
from charterwatch.web.render import render, wants_json

_RETRY_AFTER = {E.RATE_LIMITED: "seconds", E.DB_BUSY: "seconds"}


def install(app: FastAPI) -> None:
    app.add_exception_handler(CharterwatchError, _domain_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]


def error_response(request: Request, error: CharterwatchError, *, detail: object = None) -> Response:
    headers = {}
    if (key := _RETRY_AFTER.get(error.code)) is not None:
        headers["Retry-After"] = str(error.details[key])
    if wants_json(request):
        body = error_body(error)
        if detail is not None:
            body["detail"] = detail
        return JSONResponse(body, status_code=error.http_status, headers=headers)
    response = render(request, "error.html", None, status_code=error.http_status, error=error)
    response.headers.update(headers)
    return response


def _domain_error(request: Request, error: CharterwatchError) -> Response:
    if error.code is E.PASSWORD_CHANGE_REQUIRED and not wants_json(request):
        return RedirectResponse("/account/password", status_code=303)  # a person is shown the form
    return error_response(request, error)


def _validation_error(request: Request, error: RequestValidationError) -> Response:
    problems = error.errors()
    first = problems[0] if problems else {}
    where = ".".join(str(part) for part in first.get("loc", ()))
    reason = f"{where}: {first.get('msg', 'invalid')}" if where else str(first.get("msg", "invalid"))
    detail = [{"loc": list(p.get("loc", ())), "msg": p.get("msg")} for p in problems]
    return error_response(request, CharterwatchError(E.BAD_REQUEST, reason=reason), detail=detail)


def _http_error(request: Request, error: StarletteHTTPException) -> Response:
    if error.status_code == 404:
        return error_response(request, CharterwatchError(E.PAGE_NOT_FOUND, path=request.url.path))
    if error.status_code == 405:
        found = CharterwatchError(E.METHOD_NOT_ALLOWED, path=request.url.path, method=request.method)
        response = error_response(request, found)
        response.headers.update(error.headers or {})  # Allow: the methods it does answer
        return response
    if wants_json(request):
        body = {"error": "HTTP_" + str(error.status_code), "message": str(error.detail)}
        return JSONResponse(body, status_code=error.status_code, headers=error.headers)
    return Response(str(error.detail), status_code=error.status_code, headers=error.headers)
