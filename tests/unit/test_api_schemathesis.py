"""A bounded schemathesis run against the app (issue 11): every operation of the OpenAPI
document, valid and invalid requests, all of schemathesis's checks; no answer may be a 5xx.

The app runs over a DuckDB *file* store (short-lived read-only connections, as `serve` uses)
with a fake pipeline, in process (ASGI; no network). ``SCHEMATHESIS_EXAMPLES`` (default 60 per
operation) bounds the run: about 1,500 requests, well under a minute here.
"""

from __future__ import annotations

import collections
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from eventscribe.api import create_app
from eventscribe.store import DuckDBStore

from .test_api import FakePipeline, load

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "60"))
STATUSES: collections.Counter[int] = collections.Counter()
REQUESTS: collections.Counter[str] = collections.Counter()


def _app(folder: Path):
    store = DuckDBStore(folder / "schemathesis.duckdb")
    load(store)
    return create_app(store, extract_token="s3cret", pipeline_factory=FakePipeline,
                      max_chars=2000, basemap=None)


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    print(f"\nschemathesis: {sum(STATUSES.values())} requests, by status {dict(sorted(STATUSES.items()))}, "
          f"by operation {dict(REQUESTS)}")
    assert not [s for s in STATUSES if s >= 500]


import atexit  # noqa: E402 - the schema is loaded at import, from an app over a temp file
import shutil  # noqa: E402
import tempfile  # noqa: E402

_FOLDER = Path(tempfile.mkdtemp(prefix="eventscribe-schemathesis-"))
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)
schema = schemathesis.openapi.from_asgi("/openapi.json", _app(_FOLDER))


def _cross_field_rule(case) -> bool:  # type: ignore[no-untyped-def]
    """A request the document cannot say is invalid (it has no cross-field rules), which the
    API refuses with a 422 naming the rule: date_from after date_to, a calendar day that does
    not exist, min_lat above max_lat; or a text over the server's limit (413)."""
    body = case.body if isinstance(case.body, dict) else {"text": case.body}
    if isinstance(body.get("text"), str) and len(body["text"]) > 2000:
        return True  # over the server's max_chars: 413, documented in words
    q = case.query or {}
    try:
        days = [dt.date.fromisoformat(str(q[k])) for k in ("date_from", "date_to") if q.get(k)]
    except ValueError:
        return True
    if len(days) == 2 and days[0] > days[1]:
        return True
    parts = str(q.get("bbox") or "").split(",")
    try:
        return len(parts) == 4 and float(parts[1]) > float(parts[3])
    except ValueError:
        return False


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
def test_api_schemathesis(case) -> None:  # type: ignore[no-untyped-def]
    response = case.call()
    STATUSES[response.status_code] += 1
    REQUESTS[f"{case.method} {case.path}"] += 1
    assert response.status_code < 500, response.text
    excluded = [positive_data_acceptance] if _cross_field_rule(case) else []
    case.validate_response(response, excluded_checks=excluded)
