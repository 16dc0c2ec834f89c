"""What the OpenAPI document says beyond the routes' signatures: error responses, content types.

Every route lists the statuses it can answer (401, 403, 404, 413, 415, 422, 503) with the
shape of their JSON body, and ``GET /api/events`` its three content types, so a client (or
schemathesis) can check each answer against the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field

__all__ = ["EVENTS_OK", "ErrorBody", "extract_body", "responses", "validation_body"]


class FieldError(BaseModel):
    """One invalid field of a request."""

    loc: list[str | int] = Field(description="Where: ['query', 'limit'], ['body', 'text'], ...")
    msg: str
    type: str


class ErrorBody(BaseModel):
    """The body of every error answer."""

    detail: str = Field(description="What is wrong and how to fix it, in one line.")
    errors: list[FieldError] | None = Field(None, description="422 only: each invalid field.")


_WHY = {
    401: "store=true without the server's bearer token (`Authorization: Bearer <token>`)",
    403: "store=true on a server started without --token: writing is disabled",
    404: "no such event id",
    413: "the text or the request body is over the server's limit",
    415: "a Content-Type other than application/json or text/plain",
    422: "a parameter or body field is invalid (the body names each)",
    503: "the database is busy with another process's write; retry after Retry-After seconds",
}

_ERROR_CONTENT = {"application/json": {"schema": ErrorBody.model_json_schema(
    ref_template="#/components/schemas/{model}")}}

#: GET /api/events: the page as JSON, or the whole filtered page as GeoJSON or CSV.
EVENTS_OK: dict[str, Any] = {
    "description": "One page of events: JSON (format=json), GeoJSON (format=geojson) or CSV "
                   "(format=csv); the total is also in X-Total-Count.",
    "content": {
        "application/json": {"schema": {
            "type": "object", "required": ["total", "limit", "offset", "order_by", "events"],
            "properties": {"total": {"type": "integer"}, "limit": {"type": "integer"},
                           "offset": {"type": "integer"}, "order_by": {"type": "string"},
                           "events": {"type": "array", "items": {"type": "object"}}}}},
        "application/geo+json": {"schema": {
            "type": "object", "required": ["type", "features"],
            "properties": {"type": {"const": "FeatureCollection"},
                           "features": {"type": "array", "items": {"type": "object"}}}}},
        "text/csv": {"schema": {"type": "string"}},
    },
}


def responses(*statuses: int, ok: dict[str, Any] | None = None) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route: each error status with its reason and body schema."""
    out: dict[int | str, dict[str, Any]] = {
        status: {"description": _WHY[status], "content": _ERROR_CONTENT} for status in statuses}
    if ok is not None:
        out[200] = ok
    return out


def extract_body(model: type[BaseModel], *, max_chars: int) -> dict[str, Any]:
    """``openapi_extra`` of POST /api/extract: JSON or text/plain. The text's limit of
    ``max_chars`` is in the description, not a ``maxLength``: past it the answer is 413 (too
    large), which a schema bound would promise to be a 422."""
    schema = model.model_json_schema()
    limit = f" At most {max_chars:,} characters (413 past that)."
    schema["properties"]["text"]["description"] += limit
    return {"requestBody": {"required": True, "content": {
        "application/json": {"schema": schema},
        "text/plain": {"schema": {"type": "string", "minLength": 1, "pattern": r"\S",
                                  "description": "The article's text." + limit}}}}}


def validation_body(errors: Sequence[Any]) -> dict[str, Any]:
    """A 422 body from FastAPI's validation errors: one line of detail, then each field.

    The rejected values are not echoed back (they may be large, or not the client's to see).
    """
    fields = [{"loc": [p if isinstance(p, int) else str(p) for p in e.get("loc", ())],
               "msg": str(e.get("msg", "invalid")), "type": str(e.get("type", "value_error"))}
              for e in errors]
    detail = "; ".join(f"{'.'.join(str(p) for p in f['loc'])}: {f['msg']}" for f in fields[:5])
    return {"detail": f"invalid request: {detail}" if detail else "invalid request",
            "errors": fields}
