"""Event frames: what the dependency parse says about one typed sentence's event.

Reads: a :class:`~eventscribe.read.units.Unit` and its :class:`~eventscribe.events.detect.Detection`
(the cue that typed it). Writes: a :class:`Frame`, anchored at the trigger token: the clause's
verb, its tense, its modality (asserted, negated, hypothetical, intended, denied), whether it
is told as a habit, the reporting verb that governs it, and whether the trigger refers back to
an event already told ("the strike") or announces a new one ("another strike").

Everything is read from the parse (heads, dependency labels, Penn tags), not from windows of
characters: the same words mean different things in different clauses ("vowed to storm the
town" vs "stormed the town, vowing to hold it").
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from spacy.tokens import Token

from ..events.detect import Detection
from ..lexicon import (ANAPHORIC_EVENT_NOUNS, CESSATION_VERBS, CONDITIONAL_MARKS, DENIAL_VERBS, HABITUAL_WORDS, INTENTION_VERBS,
                       NEW_OCCURRENCE_WORDS, REPORT_VERBS)
from ..nlp import is_verb
from .units import Unit

__all__ = ["Frame", "Modality", "Tense", "event_references", "origin_ranges", "read_frame"]


class Tense(enum.Enum):
    PAST = "past"
    PRESENT = "present"
    PERFECT = "perfect"          # "has struck", "have been fighting"
    PLUPERFECT = "pluperfect"    # "had struck"
    FUTURE = "future"            # "will strike", "is going to strike"
    NONFINITE = "nonfinite"      # "to strike", "striking"


class Modality(enum.Enum):
    ASSERTED = "asserted"
    NEGATED = "negated"            # "did not strike", "no casualties"
    HYPOTHETICAL = "hypothetical"  # "would strike", "if they strike"
    INTENDED = "intended"          # "vowed to strike", "plans to strike", "a bid to capture"
    DENIED = "denied"              # "denied striking"


# nouns whose complement is a plan or a threat ("a bid to capture the town")
_INTENTION_NOUNS = frozenset({"plan", "plans", "bid", "attempt", "attempts", "effort", "efforts", "threat", "threats",
                              "call", "calls", "ultimatum", "proposal", "pledge", "vow", "intention", "goal", "aim",
                              "push", "drive", "campaign", "readiness", "permission", "go-ahead", "order", "orders"})
_HYPOTHETICAL_MODALS = frozenset({"would", "might", "may", "should", "must", "could", "can", "'d"})
_PERCEPTION = frozenset({"heard", "seen", "felt", "see", "hear", "be"})  # "explosions could be heard": it happened
_CAMPAIGNS = frozenset({"campaign", "campaigns", "war", "insurgency", "intervention"})
# verbs whose infinitive complement is done, not intended ("began to shell the town")
_ASPECTUAL = frozenset({"began", "begin", "begins", "started", "start", "starts", "continued", "continue", "continues",
                        "resumed", "managed", "used", "went", "came", "helped", "help"})
# "banged pots to protest": a demonstration's purpose clause names the demonstration itself
_DEMONSTRATE = frozenset({"protest", "demonstrate", "demand", "rally", "march", "denounce", "condemn", "oppose",
                          "express", "voice", "mark", "commemorate", "strike", "picket"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
# links through which a clause's modality passes to what it governs
_GOVERNED = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "dobj", "pobj", "prep", "pcomp", "conj",
                       "nsubj", "nsubjpass", "attr", "oprd", "appos", "npadvmod", "advmod", "amod", "compound"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})


@dataclass(frozen=True)
class Frame:
    """One typed sentence's event, as its parse tells it (token indices are the ``Doc``'s)."""

    unit: Unit
    detection: Detection
    trigger: int
    predicate: int
    tense: Tense
    modality: Modality
    habitual: bool
    reported_by: int | None  # the reporting verb ("said") whose complement holds the event
    definite: bool  # "the strike": a reference back to an event already told
    new_occurrence: bool  # "another strike", "a second blast", "separately"
    indefinite: bool  # "destroyed by an airstrike": an event noun introduced as a new one
    clause: tuple[int, int]  # characters of the event's clause (the predicate's subtree)

    @property
    def start(self) -> int:
        """Document offset of the trigger's cue."""
        return self.unit.start + self.detection.start

    @property
    def end(self) -> int:
        return self.unit.start + self.detection.end

    @property
    def paragraph(self) -> int:
        return self.unit.paragraph


def read_frame(unit: Unit, det: Detection) -> Frame:
    """The frame of ``unit``'s event, anchored at the detection's cue."""
    sent = unit.span
    doc = sent.doc
    cue = doc.char_span(unit.start + det.start, unit.start + det.end, alignment_mode="expand")
    if cue is None or len(cue) == 0 or det.rule.startswith("classifier") or not (sent.start <= cue.root.i < sent.end):
        trigger = sent.root
    else:
        trigger = cue.root
    pred = _predicate(trigger, sent.start, sent.end)
    reporter = _reporting_verb(pred, sent.start, sent.end)
    lo, hi = _clause(pred, reporter, sent.start, sent.end)
    return Frame(
        unit=unit, detection=det, trigger=trigger.i, predicate=pred.i, tense=_tense(pred, sent.start, sent.end),
        modality=_modality(trigger, pred, sent.start, sent.end), habitual=_habitual(pred, lo, hi, trigger),
        reported_by=reporter.i if reporter is not None else None,
        definite=trigger.lower_ in ANAPHORIC_EVENT_NOUNS and any(
            (c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in trigger.children),
        new_occurrence=_new_occurrence(trigger, sent, pred),
        indefinite=trigger.lower_ in ANAPHORIC_EVENT_NOUNS and any(
            (c.dep_ == "det" and c.lower_ in ("a", "an")) or c.dep_ == "nummod" for c in trigger.children),
        clause=(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)),
    )


def _inside(tok: Token, lo: int, hi: int) -> bool:
    return lo <= tok.i < hi


def _predicate(trigger: Token, lo: int, hi: int) -> Token:
    """The verb of the trigger's clause: the trigger itself, or the first verb above it
    ("carried out strikes", "the blast killed"); the sentence root when none is."""
    t = trigger
    while not is_verb(t) and t.head.i != t.i and _inside(t.head, lo, hi):
        t = t.head
    return t


def _reporting_verb(pred: Token, lo: int, hi: int) -> Token | None:
    """The reporting verb that governs the clause: an ancestor ("X said [the strike killed]")
    or a parenthetical child ("The strike killed nine, [the army said]")."""
    t = pred
    while t.head.i != t.i and _inside(t.head, lo, hi):
        if t.head.lower_ in REPORT_VERBS and is_verb(t.head) and t.dep_ in ("ccomp", "parataxis", "advcl", "xcomp", "conj"):
            return t.head
        t = t.head
    if pred.lower_ in REPORT_VERBS:
        return None  # the event is the saying itself, or its object
    for c in pred.children:
        if c.dep_ in ("parataxis", "ccomp", "advcl") and c.lower_ in REPORT_VERBS and is_verb(c):
            return c
    return None


def _clause(pred: Token, reporter: Token | None, lo: int, hi: int) -> tuple[int, int]:
    """Token range of the predicate's subtree, within the sentence, without the reporting
    clause when that hangs below it ("... killed nine, the ministry said on Tuesday")."""
    start, end = max(pred.left_edge.i, lo), min(pred.right_edge.i + 1, hi)
    if reporter is not None and reporter.head.i == pred.i:
        r_lo, r_hi = reporter.left_edge.i, reporter.right_edge.i + 1
        if r_lo > pred.i:
            end = min(end, r_lo)
        elif r_hi <= pred.i:
            start = max(start, r_hi)
    return start, max(end, start + 1)


def _finite(t: Token) -> bool:
    return t.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in t.children)


def _tense(pred: Token, lo: int = 0, hi: int | None = None) -> Tense:
    if is_verb(pred) and not _finite(pred):
        # "..., equipping bombs with timers", "has continued to carry out strikes", "killed in
        # Iran, rights group says": the tense of the finite clause it hangs on, within the unit
        up = next((a for a in pred.ancestors if is_verb(a) and _finite(a)), None)
        if up is not None and lo <= up.i < (hi if hi is not None else len(pred.doc)):
            return _tense(up, lo, hi)
        if up is not None and pred.tag_ in ("VBG", "VBN"):
            return Tense.PAST  # a clause split from its sentence ("..., destroying depots in B")
    if not is_verb(pred):
        return Tense.PAST  # a verbless event phrase ("Strikes on Raqqa"): told as done
    aux = [c for c in pred.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in aux}
    if words & _FUTURE_AUX or ("going" in words and "to" in words):
        return Tense.FUTURE
    if "had" in words or "'d" in words and pred.tag_ == "VBN":
        return Tense.PLUPERFECT
    if words & {"has", "have", "'ve", "'s"} and (pred.tag_ == "VBN" or "been" in words):
        return Tense.PERFECT
    if pred.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return Tense.PAST
    if pred.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in aux):
        return Tense.PRESENT
    if pred.tag_ == "VB" and ("to" in words or pred.dep_ == "xcomp"):
        return Tense.NONFINITE
    if pred.tag_ == "VBG" and not aux:
        return Tense.NONFINITE
    return Tense.PAST


def _modality(trigger: Token, pred: Token, lo: int, hi: int) -> Modality:
    """Whether the event is told as done: negation, modals and conditions on its clause, and
    verbs or nouns of intention or denial that govern it."""
    for t in (trigger, pred):
        if any(c.dep_ == "neg" for c in t.children):
            return Modality.NEGATED
        if any(c.dep_ == "det" and c.lower_ == "no" for c in t.children):
            return Modality.NEGATED
    aux = {c.lower_ for c in pred.children if c.dep_ in ("aux", "auxpass")}
    if aux & _HYPOTHETICAL_MODALS and not (pred.lower_ in _PERCEPTION and aux & {"could", "can"}):
        return Modality.HYPOTHETICAL
    t = trigger
    while _inside(t, lo, hi):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in t.children):
            return Modality.HYPOTHETICAL
        head = t.head
        if head.i == t.i or not _inside(head, lo, hi) or t.dep_ not in _GOVERNED:
            break
        if head.lower_ in REPORT_VERBS and head.lower_ not in INTENTION_VERBS:
            break  # what a source says happened keeps the modality the source gave it
        if head.lower_ in DENIAL_VERBS:
            return Modality.DENIED
        if head.lower_ in CESSATION_VERBS and t.dep_ in ("xcomp", "dobj", "ccomp", "pcomp"):
            return Modality.NEGATED  # "had stopped bombing Aleppo": no bombing is told
        if head.lower_ in INTENTION_VERBS and t.dep_ in ("xcomp", "dobj", "prep", "pcomp", "advcl", "ccomp"):
            if not (t.dep_ == "ccomp" and t.tag_ == "VBD"):  # "warned that rebels attacked": told as done
                return Modality.INTENDED
        if head.lower_ in _INTENTION_NOUNS and t.dep_ in ("acl", "prep", "relcl") and not is_verb(head):
            return Modality.INTENDED
        if head.lower_ in ("not", "never") or any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")
                                                  for c in head.children):
            return Modality.NEGATED  # "has not succeeded in capturing the city", "made no mention of the protests"
        if (t is pred and _infinitive(t) and head.lower_ not in _ASPECTUAL and is_verb(head)
                and trigger.lower_ not in _DEMONSTRATE):
            return Modality.INTENDED  # "began an offensive to gain control": the purpose, not a deed
        t = head
    return Modality.ASSERTED


def _infinitive(t: Token) -> bool:
    return t.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def _habitual(pred: Token, lo: int, hi: int, trigger: Token | None = None) -> bool:
    """The clause tells a habit or a lasting state ("regularly shelled", "for eight years"), or
    the trigger names a campaign rather than an occurrence ("its bombing campaign")."""
    if trigger is not None and (trigger.lower_ in _CAMPAIGNS or (trigger.dep_ in ("compound", "amod")
                                                                  and trigger.head.lower_ in _CAMPAIGNS)):
        return True
    doc = pred.doc
    for tok in doc[lo:hi]:
        if tok.lower_ in HABITUAL_WORDS and (tok.head.i == pred.i or tok.head.head.i == pred.i):
            return True  # said of the event's own verb, not of a source's "daily statement"
        if tok.lower_ == "every" and tok.head.lower_ in ("day", "week", "night", "month", "year", "friday", "time"):
            return True
        if tok.lower_ in ("years", "decades", "months") and tok.head.lower_ in ("for", "over") and tok.head.head.i == pred.i:
            return True
    return False


def _new_occurrence(trigger: Token, sent, pred: Token) -> bool:  # noqa: ANN001 - a spaCy Span
    """The event is announced as another of its kind ("another strike", "In a separate attack",
    "Separately, ...", "Another 17 fighters were killed")."""
    words = NEW_OCCURRENCE_WORDS - {"also", "new"}
    if any(c.lower_ in words for c in trigger.children if c.dep_ in ("amod", "det", "advmod")):
        return True
    for arg in pred.children:  # "Another 17 fighters were killed": other victims, another event
        near = [c for c in arg.children] + [g for c in arg.children if c.dep_ == "nummod" for g in c.children]
        if arg.dep_ in ("nsubj", "nsubjpass", "dobj") and any(
                c.lower_ == "another" and c.dep_ in ("det", "amod", "advmod", "quantmod") for c in near):
            return True
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    return first is not None and first.lower_ in ("separately", "elsewhere", "meanwhile")


def origin_ranges(sent) -> tuple[tuple[int, int], ...]:  # noqa: ANN001 - a spaCy Span
    """Characters of the sentence's "from X" phrases: where people or things came from ("arrived
    from the territory of Iraq", "fled from the city"), not where the event happened."""
    out = []
    for tok in sent:
        if tok.dep_ == "prep" and tok.lower_ == "from":
            out.append((tok.idx, tok.right_edge.idx + len(tok.right_edge.text)))
    return tuple(out)


def event_references(sent) -> list[tuple[int, int]]:  # noqa: ANN001 - a spaCy Span
    """Character ranges of definite references to an event with what follows them ("the
    attack on the market in Sennar"): a sentence that reports no event of its own may still
    say where an event already told happened."""
    out = []
    for tok in sent:
        if tok.lower_ in ANAPHORIC_EVENT_NOUNS and any((c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss"
                                                      for c in tok.children):
            out.append((tok.idx, tok.right_edge.idx + len(tok.right_edge.text)))
    return out
