"""Name keys shared by the gazetteer builder, the gazetteer and the resolver.

Two keys per name:

* :func:`name_key` is the exact-ish form: transliterated, case-folded, punctuation and
  Arabic articles dropped, spaces removed, so "Khan-Shaykhun", "Khan Shaykhun" and
  "Jisr al-Shughur" / "Jisr ash Shughur" meet.
* :func:`loose_key` is a consonant skeleton for transliteration variants the data does
  not list ("Shugur" / "Shughur", "Sheikhoun" / "Shaykhun"). It is only a fallback,
  because it also merges names that are really different.

Generic administrative words ("province", "county") are kept apart: the resolver reads
them as a hint of the feature level, and the builder indexes admin names with and
without them.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from unidecode import unidecode

__all__ = [
    "ADMIN_WORDS",
    "CITY_WORDS",
    "loose_key",
    "name_key",
    "split_generic",
]

# Arabic definite-article forms as they appear in Latin transliteration; dropped as whole
# tokens (after hyphens are split) so "al-Shugur" and "ash Shughur" both give "shugur".
ARTICLES = frozenset("al el ul ash esh ad ed ar er as es an en at et az ez ath adh".split())

# Words that name a kind of first- or second-level division rather than a place. They are
# vocabulary, not place names, so a fixed list is the honest way to know them.
ADMIN_WORDS = frozenset(
    """province provinces governorate governorates state region district county parish
    municipality prefecture department oblast raion rayon krai upazila tehsil taluk zila
    division emirate canton voivodeship wilaya wilayah muhafazah mohafazat subdistrict
    nahiya commune territory ward locality lga""".split()
)
CITY_WORDS = frozenset("city town village township borough".split())

_SPACE_LIKE = re.compile(r"[\s\-\u2010-\u2015_/.,;:()\[\]{}\"]+")
_DROP = re.compile(r"[^a-z0-9 ]+")


def _tokens(name: str) -> list[str]:
    """Transliterated, case-folded tokens with apostrophes (hamza/ayn marks) removed."""
    text = unidecode(unicodedata.normalize("NFC", name)).casefold()
    text = _SPACE_LIKE.sub(" ", text)
    text = _DROP.sub("", text)  # apostrophes and back-ticks vanish inside a word: Dar'a -> dara
    return text.split()


def _strip_articles(tokens: list[str]) -> list[str]:
    kept = [t for t in tokens if t not in ARTICLES]
    return kept or tokens  # a name that is only an article-like word stays itself


@functools.lru_cache(maxsize=65_536)  # the resolver keys the same names and readings again and again
def name_key(name: str) -> str:
    """The normal form used as the gazetteer's lookup key ("" when nothing is left)."""
    return "".join(_strip_articles(_tokens(name)))


def split_generic(name: str) -> tuple[str, str | None]:
    """Split a trailing generic word off a name: ("Idlib province") -> ("Idlib", "province").

    Also handles a leading one ("Province of Idlib", "City of Aleppo"). The base name
    keeps its original spelling; the word comes back case-folded, or None.
    """
    words = name.split()
    if len(words) >= 2:
        last = words[-1].casefold().strip(".,")
        if last in ADMIN_WORDS or last in CITY_WORDS:
            return " ".join(words[:-1]), last
    if len(words) >= 3 and words[1].casefold() == "of":
        first = words[0].casefold()
        if first in ADMIN_WORDS or first in CITY_WORDS:
            return " ".join(words[2:]), first
    return name, None


# Transliteration equivalences, applied in order on the name key. They fold what
# English, French and German transliterations of Arabic/Persian/Kurdish names write
# differently: digraphs, doubled letters, and vowel quality (all vowels become one).
_LOOSE_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"tch|ch", "s"),  # French "ch" is English "sh"
        (r"sh|sch", "s"),
        (r"kh|ck|q|c", "k"),
        (r"gh", "g"),
        (r"dj|dh|j", "j"),
        (r"th", "t"),
        (r"ph", "f"),
        (r"h", ""),  # final -ah/-a, and h after vowels, vary freely
        (r"w", "u"),
        (r"y", "i"),
        (r"[aeiou]+", "a"),
        (r"(.)\1+", r"\1"),
    )
)


def loose_key(name_or_key: str) -> str:
    """A consonant skeleton of a name; accepts a raw name or a :func:`name_key`."""
    key = name_key(name_or_key)
    for pattern, repl in _LOOSE_RULES:
        key = pattern.sub(repl, key)
    return key
