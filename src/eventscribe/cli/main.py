"""Commands: extract, export, duplicates, geoparse, stats, gazetteer, serve. Each is a few lines over the library.

Messages go to stderr one line each (never wrapped, even in a log file), and a problem with
the input, a file or the database is an ``error:`` line and an exit code, never a traceback:
exit 1 when some documents could not be read (the rest were stored), 2 when the command
could not run at all.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from .. import __version__
from ..errors import EventscribeError, InputError
from ..export import FORMATS, write_records
from ..ingest._common import parse_iso_date
from ..settings import Settings
from . import runner

app = typer.Typer(help="eventscribe: conflict news in, sourced and geocoded ACLED-style events out.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
# soft_wrap: rich would break long lines at 80 columns when stderr is not a terminal.
err = Console(stderr=True, soft_wrap=True, highlight=False)


def _fail(exc: BaseException, *, code: int = 2) -> typer.Exit:
    """One error line for ``exc``; the exit to raise."""
    if isinstance(exc, OSError) and not isinstance(exc, EventscribeError):
        where = f"{exc.filename}: " if exc.filename else ""
        runner.report(err, f"{where}{exc.strerror or exc}")
    else:
        runner.report(err, str(exc))
    return typer.Exit(code)

FormatOpt = Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")]
DbOpt = Annotated[Optional[str], typer.Option("--db", help="Event store (.duckdb path, ':memory:'). Default: $EVENTSCRIBE_DB or eventscribe.duckdb.")]
OutOpt = Annotated[Optional[Path], typer.Option("--out", "-o", help="Write here instead of standard output.")]


def _date(value: str | None) -> dt.date | None:
    """--published, read and checked as a JSON Lines "published" is (one error line if bad)."""
    if value is None:
        return None
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise InputError("--published", f"{value!r}: {exc}") from None


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, or - for standard input.")],
    db: DbOpt = None,
    fmt: FormatOpt = "jsonl",
    out: OutOpt = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date for every input (YYYY-MM-DD).")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes (1 = this process).")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary (errors are still shown).")] = False,
) -> None:
    """Extract events from news articles, store them, and write one record per event per article.

    Example: eventscribe extract examples/ --format geojson --out events.geojson
    """
    _check_format(fmt)
    runner.configure_logging(err)
    try:
        settings = Settings.from_env(db=db)
        summary = runner.run_extract(inputs, settings=settings, fmt=fmt, out=out, published=_date(published),
                                     workers=workers, console=err, quiet=quiet)
    except (EventscribeError, OSError) as exc:
        raise _fail(exc) from None
    raise typer.Exit(1 if summary.errors else 0)


@app.command()
def export(
    db: DbOpt = None,
    fmt: FormatOpt = "jsonl",
    out: OutOpt = None,
    level: Annotated[str, typer.Option(help="'events' (merged across articles) or 'mentions' (one per article).")] = "events",
    event_type: Annotated[Optional[str], typer.Option(help="Only this ACLED event type.")] = None,
    country: Annotated[Optional[str], typer.Option(help="Only this country.")] = None,
) -> None:
    """Write stored events as JSON Lines, CSV or GeoJSON.

    Example: eventscribe export --format csv --out events.csv --country Syria
    """
    _check_format(fmt)
    try:
        records = runner.stored_records(Settings.from_env(db=db), level=level, event_type=event_type, country=country)
        with runner.output(out) as stream:
            n = write_records(records, fmt, stream)  # type: ignore[arg-type]
    except (EventscribeError, OSError) as exc:
        raise _fail(exc) from None
    err.print(f"wrote {n} {level}")


@app.command()
def geoparse(
    input: Annotated[Path, typer.Argument(help="JSON Lines with doc_id and text (and toponyms for --given-spans).")],
    out: OutOpt = None,
    given_spans: Annotated[bool, typer.Option("--given-spans", help="Resolve the input's gold toponym spans only.")] = False,
) -> None:
    """Find and resolve place names, one line per document (the toponym scorer's format).

    Example: eventscribe geoparse ../shared/data/geo/lgl.jsonl --given-spans --out topo.jsonl
    """
    try:
        n = runner.run_geoparse(input, out=out, given_spans=given_spans, settings=Settings.from_env())
    except (EventscribeError, OSError) as exc:
        raise _fail(exc) from None
    err.print(f"geoparsed {n} documents")


@app.command()
def duplicates(
    db: DbOpt = None,
    within_km: Annotated[float, typer.Option("--km", help="At most this far apart.")] = 25.0,
    days: Annotated[int, typer.Option(help="At most this many days apart.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
) -> None:
    """List stored events that may be one occurrence (same type and actor, close in place and
    day) for review; their keys kept them apart, so nothing is merged.

    Example: eventscribe duplicates --db eventscribe.duckdb --km 10
    """
    try:
        pairs = runner.stored_duplicates(Settings.from_env(db=db), within_km=within_km, days=days)
    except (EventscribeError, OSError) as exc:
        raise _fail(exc) from None
    if as_json:
        for pair in pairs:
            typer.echo(json.dumps(pair, ensure_ascii=False))
        return
    table = Table(title=f"{len(pairs)} likely duplicate pairs")
    for col in ("event ids", "why"):
        table.add_column(col)
    for pair in pairs:
        table.add_row("\n".join(pair["event_ids"]), pair["reason"])
    Console().print(table)


@app.command()
def stats(db: DbOpt = None) -> None:
    """Summarise the event store: documents by outcome, events by type and country.

    Example: eventscribe stats --db eventscribe.duckdb
    """
    try:
        s = runner.store_stats(Settings.from_env(db=db))
    except (EventscribeError, OSError) as exc:
        raise _fail(exc) from None
    console = Console()
    console.print(f"events {s['events']}, mentions {s['mentions']}, documents {s['documents']}, runs {s['runs']}; "
                  f"dates {s['date_range']['min']} .. {s['date_range']['max']}")
    for title, key in (("documents by outcome", "by_outcome"), ("events by type", "by_event_type"),
                       ("events by country", "by_country")):
        table = Table(title=title)
        table.add_column(title.split()[-1])
        table.add_column("n", justify="right")
        for name, n in list(s[key].items())[:15]:
            table.add_row(str(name), str(n))
        console.print(table)


@app.command()
def gazetteer(
    path: Annotated[Optional[Path], typer.Option(help="Where to write the index (default: the settings' path).")] = None,
) -> None:
    """Compile the offline gazetteer index from the GeoNames data shipped on PyPI (once, at install).

    Example: eventscribe gazetteer
    """
    target = runner.build_gazetteer_index(path, settings=Settings.from_env())
    err.print(f"gazetteer index: {target}")


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token: Annotated[Optional[str], typer.Option(envvar="EVENTSCRIBE_API_TOKEN", help="Bearer token that allows POST /api/extract to store events (default: read-only).")] = None,
) -> None:
    """Serve the event map (timeline, filters, table, evidence) and the HTTP API (docs at /docs).

    Example: eventscribe serve --db eventscribe.duckdb --port 8000
    """
    from ..api.server import serve as run_server

    try:
        run_server(Settings.from_env(db=db), host=host, port=port, token=token,
                   echo=lambda m: err.print(m, markup=False))
    except (EventscribeError, OSError) as exc:
        raise _fail(exc) from None


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
