"""Country adjectives ("Syrian", "Iraqi", "Lebanese") derived from country names by rule.

English forms its national adjectives with a handful of suffix rules; generating them
from the gazetteer's own country names covers most countries without a hand list. A rule
may produce a non-word ("Iraqian"): harmless, since keys only ever match real text. When
two countries produce the same form, the earlier (more specific) rule wins. A few
adjectives no rule derives ("French", "Dutch") are listed by ISO code: they are
vocabulary of English, not place names.
"""

from __future__ import annotations

from collections.abc import Iterable

from eventscribe.geo._text import name_key

__all__ = ["demonyms"]

# (suffix to remove, suffix to add), most specific first.
_RULES: tuple[tuple[str, str], ...] = (
    ("land", "ish"),  # Poland, Ireland, Scotland
    ("land", ""),  # Thailand -> Thai
    ("ia", "ian"),  # Syria, Nigeria, Russia, Libya handled by ("a", "an")
    ("a", "an"),  # Libya, Korea, Cuba
    ("a", "ian"),  # Canada
    ("a", "ese"),  # China
    ("a", "i"),  # Somalia -> Somali (via "ia" -> "i")
    ("ia", "i"),
    ("o", "an"),  # Mexico, Morocco
    ("on", "ese"),  # Lebanon
    ("y", "ish"),  # Turkey
    ("y", "ian"),  # Hungary, Italy
    ("e", "ian"),  # Ukraine
    ("ines", "ine"),  # Philippines
    ("", "i"),  # Iraq, Yemen, Israel, Pakistan, Kuwait, Bangladesh
    ("", "ese"),  # Sudan, Japan, Senegal
    ("", "ian"),  # Egypt, Jordan, Iran, Brazil
    ("", "an"),  # Korean via ("a", "an"); here: Bhutan? no, but Oman -> Omanan is harmless
    ("istan", ""),  # Afghanistan -> Afghan, Uzbekistan -> Uzbek
    ("", "n"),  # Syria, Russia, Georgia
)

_IRREGULAR = {
    "FR": ["French"], "GB": ["British", "English", "Welsh", "Scottish"], "NL": ["Dutch"],
    "CH": ["Swiss"], "GR": ["Greek"], "US": ["American"], "PH": ["Filipino"],
    "DK": ["Danish"], "ES": ["Spanish"], "SE": ["Swedish"], "PE": ["Peruvian"],
    "SA": ["Saudi"], "AE": ["Emirati"], "CY": ["Cypriot"], "PS": ["Palestinian"],
    "IL": ["Israeli"], "NZ": ["New Zealander"], "MG": ["Malagasy"], "CD": ["Congolese"],
}


def demonyms(country_names: dict[str, Iterable[str]], given: dict[str, str] | None = None) -> dict[str, str]:
    """Map demonym name keys to ISO2 codes: ``given`` ones (from data) first, then the
    irregular table, then forms derived by rule from each country's names."""
    out: dict[str, tuple[int, str]] = {}
    for cc, form in (given or {}).items():
        out.setdefault(name_key(form), (-2, cc))
    names = {cc: sorted({n for n in ns if " " not in n and n[:1].isupper() and len(n) > 3})
             for cc, ns in country_names.items()}
    for cc, forms in _IRREGULAR.items():
        for form in forms:
            out[name_key(form)] = (-1, cc)
    for rank, (drop, add) in enumerate(_RULES):
        for cc, ns in names.items():
            for n in ns:
                if drop and not n.endswith(drop):
                    continue
                stem = n[: len(n) - len(drop)] if drop else n
                if len(stem) < 3:
                    continue
                key = name_key(stem + add)
                if key not in out or out[key][0] > rank:
                    out[key] = (rank, cc)
    return {k: cc for k, (_, cc) in out.items()}
