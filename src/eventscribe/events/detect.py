"""Event detection and typing: one sentence in, zero or one typed detection out.

An ordered table of named rules over the cues of ``rules.py`` (the dateparser habit: first
rule that holds wins). Order encodes ACLED's precedence: the means of violence decides the
type before the victim does (an air strike that kills civilians is an Air/drone strike), a
demonstration's own violence decides Protests vs Riots, and non-violent developments come last.

Contract: reads a sentence's text (and the article's dominant remote-violence mode, for
sentences that say "destroyed" without saying how); writes a :class:`Detection`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from .rules import CUES
from .taxonomy import event_type_of

__all__ = ["Detection", "RULES", "classify", "combine", "is_candidate", "reports_disaster"]

VERSION = "rules-1"

Cues = dict[str, re.Match[str] | None]


@dataclass(frozen=True, slots=True)
class Detection:
    """A typed event sentence: the rule that fired and the cue's characters (sentence-relative)."""

    sub_event_type: str
    rule: str
    start: int
    end: int
    confidence: float
    aggregate: bool = False

    @property
    def event_type(self) -> str:
        return event_type_of(self.sub_event_type)


def _any(c: Cues, *names: str) -> re.Match[str] | None:
    for n in names:
        if c[n]:
            return c[n]
    return None


def _violent(c: Cues) -> re.Match[str] | None:
    return _any(c, "attack_verb", "clash", "explosion")


# a riot word about what the protest is about, not what the protesters did ("demanding the
# arrest of men accused of torching a mosque")
_GRIEVANCE = re.compile(r"\b(?:accused of|charged with|suspected of|arrest of|detention of|culprits?)"
                        r"\s+(?:[\w-]+\s+){0,3}$", re.I)


_GRIEVANCE_ARREST = re.compile(r"\s+of\b", re.I)  # "the arrest of X": a grievance, a noun
_AGAINST = re.compile(r"\b(?:against|over|denouncing|condemning|protesting|decrying|after|following)\s+(?:the\s+)?"
                      r"(?:[\w-]+\s+){0,2}$", re.I)
# "after the intense protests and riots in the prisons last week": violence named as the
# background of this demonstration, not done in it
_FRAMED = re.compile(r"\b(?:after|following|amid|amidst|since|because of|in the wake of|in response to|over)\s+"
                     r"(?:the\s+|last\s+week's\s+|recent\s+)?(?:[\w'-]+\s+){0,4}$", re.I)


def _framed(m: re.Match[str] | None) -> bool:
    return m is not None and bool(_FRAMED.search(m.string[max(0, m.start() - 50): m.start()]))


_DEMANDED = re.compile(r"\b(?:demand(?:s|ed|ing)?|call(?:s|ed|ing)? for|seek(?:s|ing)?|urg(?:e|es|ed|ing)|following|after)"
                       r"\s+(?:the\s+)?$", re.I)


def _protest_sub(c: Cues) -> str:
    if c["excessive"]:
        return "Excessive force against protesters"
    riot = c["riot"]
    if riot is not None and (_GRIEVANCE.search(riot.string[max(0, riot.start() - 40): riot.start()])
                             or _framed(riot)):
        riot = None
    if riot or (c["mob"] and _violent(c)):  # "a group of residents protested" is no mob
        return "Violent demonstration"
    # "demanding the arrest of ...", "against the arrest of a leader", "following the arrest of":
    # what they want or protest about, not what was done to them
    held = next((m for m in CUES["intervention"].finditer(c["_text"].string)
                 if not (_DEMANDED.search(m.string[max(0, m.start() - 30): m.start()])
                         or _GRIEVANCE_ARREST.match(m.string, m.end())
                         or _AGAINST.search(m.string[max(0, m.start() - 30): m.start()]))), None)
    if held:
        return "Protest with intervention"
    return "Peaceful protest"


_GOV_TAKES = re.compile(r"\b(?:army|government|troops|soldiers|military|armed forces|security forces)\b"
                        r"(?:\s+\w+){0,3}?\s+(?:seiz|captur|took|retook|recaptur|regain|gain|liberat|overr)", re.I)


_STATE_SIDE = re.compile(r"\b(?:army|government|troops|soldiers|military|armed forces|security forces|regime|police|"
                         r"national guard|marines|peshmerga)\b", re.I)
_NON_STATE_SIDE = re.compile(r"(?<!pro-government )(?<!government-backed )(?<!allied )\b(?:militants?|rebels?|insurgents?|fighters|jihadists?|guerrillas?|militias?|"
                             r"militiamen|opposition|separatists?|al[- ]shabaa?b|taliban|islamic state|isis|isil|daesh|"
                             r"houthis?|armed groups?)\b", re.I)


def _territory_sub(c: Cues) -> str:
    """Who takes the ground decides, not the verb: "militants recaptured the town" is a
    non-state actor overtaking territory. The taker is the side named nearest before the
    verb (after "by" in the passive); without one, "recaptured" / "regained" read as the
    government's and "seized" / "captured" as a non-state actor's."""
    verb = c["regain"] or c["overtake"]
    text = c["_text"].string
    if verb is not None:
        if _BY_AGENT.match(text, verb.end()) or _PASSIVE.search(text[max(0, verb.start() - 20): verb.start()]):
            window = text[verb.end(): verb.end() + 60]
            state, rebel = _STATE_SIDE.search(window), _NON_STATE_SIDE.search(window)
            first = min((m for m in (state, rebel) if m), key=lambda m: m.start(), default=None)
        else:
            window = text[max(0, verb.start() - 80): verb.start()]
            state = max(_STATE_SIDE.finditer(window), key=lambda m: m.start(), default=None)
            rebel = max(_NON_STATE_SIDE.finditer(window), key=lambda m: m.start(), default=None)
            first = max((m for m in (state, rebel) if m), key=lambda m: m.start(), default=None)
        if first is not None:
            return "Government regains territory" if first is state else "Non-state actor overtakes territory"
    if c["regain"] or _GOV_TAKES.search(text):
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def _unopposed(c: Cues) -> bool:
    """Ground changed hands without a fight: a withdrawal named, and no violence but fighting
    the text says did not happen ("entered without fighting") or frames ("ending weeks of fighting")."""
    if _any(c, "attack_verb", "explosion", "shelling", "air"):
        return False
    clash = c["clash"]
    return clash is None or bool(c["unopposed"]) or _clash_context_only(c) or _framed(clash)


def _riot_sub(c: Cues) -> str:
    # A crowd's violence is a Violent demonstration when it demonstrates ("rioters" are
    # demonstrators by definition), else Mob violence.
    rioting = c["riot"].group(0).lower().startswith("riot")
    return "Violent demonstration" if rioting or c["protest"] or c["protest_weak"] else "Mob violence"


def _clash_sub(c: Cues) -> str:
    # A fight between ordinary people (a land dispute, two village groups, party supporters)
    # is mob violence, even with a gun fired; with an armed party involved it is an armed clash.
    if (c["dispute"] or c["unarmed_groups"]) and not c["armed_party"] and not c["small_arms"]:
        return "Mob violence"
    if c["unarmed_groups"] and c["riot"] and not c["armed_group"]:
        return "Mob violence"  # "two groups clashed and pelted stones at each other"
    if c["cold_weapons"] and not (c["small_arms"] or c["armed_weapons"] or c["armed_target"] or c["armed_group"]):
        return "Mob violence"  # "clashed with machetes": a brawl, no armed clash
    if c["unarmed_groups"] and not (c["small_arms"] or c["armed_weapons"] or c["heavy_weapons"] or c["air"]
                                    or c["shelling"]):
        # "a clash between police and shopkeepers": one side has no weapons, so no armed clash
        return "Mob violence"
    if c["armed_weapons"] or c["small_arms"] or c["armed_target"] or c["air"] or c["shelling"]:
        return "Armed clash"
    return "Mob violence" if c["unarmed_groups"] else "Armed clash"


def _clash_context_only(c: Cues) -> bool:
    """The only clash word sits inside "amid ongoing clashes": context, not this event."""
    ctx, clash = c["clash_context"], c["clash"]
    return bool(ctx and clash and ctx.start() <= clash.start() < ctx.end())


_BY_AGENT = re.compile(r"\s+by\b", re.I)
# where a new clause (and so a new subject) starts: "Gunmen stormed a village and residents were shot"
_CLAUSE_BREAK = re.compile(r";|\band\b|,\s+(?:but|while|as|after|when|and)\b", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?$", re.I)


def _attack_sub(c: Cues) -> str:
    """Who was attacked decides: the first target word after an active verb, or the head of
    the passive clause's subject ("a police patrol near the market was attacked": the first
    target word of the clause); civilians -> Attack, armed -> clash."""
    verb = c["attack_verb"]
    if verb is None:
        return "Attack"
    text = verb.string
    # "was shot by gunmen", and "a body was found ..., killed by gunmen": the words after "by"
    # are the attacker, so the target is named before the verb
    if _PASSIVE.search(text[max(0, verb.start() - 20): verb.start()]) or _BY_AGENT.match(text, verb.end()):
        window = text[max(0, verb.start() - 160): verb.start()]
        clause = window[max((m.end() for m in _CLAUSE_BREAK.finditer(window)), default=0):]
        civ = CUES["civilian_target"].search(clause)
        named = CUES["armed_target"].search(clause)
        arm = _on_duty(named)
        if arm and (not civ or arm.start() < civ.start()):
            return "Armed clash"
        if civ or named:  # civilians, or security men off duty
            return "Attack"
        return "Armed clash" if c["armed_target"] and not c["civilian_target"] else "Attack"
    subject = text[max(0, verb.start() - 60): verb.start()]
    if (CUES["unarmed_groups"].search(subject) and not CUES["armed_party"].search(subject)
            and not (c["small_arms"] or c["armed_weapons"])):
        return "Mob violence"  # "a group of youths attacked a police patrol": no armed side attacked
    window = text[verb.end(): verb.end() + 80]
    civ = CUES["civilian_target"].search(window)
    arm = _on_duty(CUES["armed_target"].search(window))
    if civ and (not arm or civ.start() < arm.start()):
        return "Attack"
    if arm:
        return "Armed clash"
    # no target named after the verb: the armed men before it are the attackers, not the victims
    after = text[verb.end():]
    return "Armed clash" if _on_duty(CUES["armed_target"].search(after)) and not CUES["civilian_target"].search(after) \
        else "Attack"


_OFF_DUTY = re.compile(r"\b(?:off[- ]duty|retired|former|ex-)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _on_duty(m: re.Match[str] | None) -> re.Match[str] | None:
    """An armed target, unless off duty or retired: ACLED counts those as civilians."""
    if m is None or _OFF_DUTY.search(m.string[max(0, m.start() - 30): m.start()]):
        return None
    return m


_SEIZURE = re.compile(r"^(?:seiz|recover|confiscat|found|discover|unearth|intercept)", re.I)
_FIGHT_DEATHS = re.compile(r"\b(?:kill(?:ed|ing)|died|dead|clash(?:ed|es)|exchange(?:d)? (?:of )?fire|shoot-?out|gunfight)\b",
                           re.I)
_HURT = re.compile(r"\b(?:kill|injur|wound|dead|died|shot|casualt|hostage|abduct|kidnap|beat|rap(?:e|ed))\w*", re.I)


def _property_only(c: Cues) -> bool:
    """Only property was hit: nobody hurt, no fight, no demonstration, and no attack verb
    outside the looting phrase itself."""
    loot = c["looting"]
    return (not _HURT.search(c["_text"].string) and not c["clash"] and not c["protest"]
            and not any(not (loot.start() <= a.start() < loot.end()) for a in CUES["attack_verb"].finditer(c["_text"].string)))


# (name, sub-event type or a function choosing it, the cue that must hold, extra condition, confidence)
Rule = tuple[str, str | Callable[[Cues], str], str, Callable[[Cues], object], float]

RULES: list[Rule] = [
    ("chemical", "Chemical weapon", "chemical", lambda c: _any(c, "attack_verb", "air", "shelling", "explosion"), 0.85),
    ("suicide", "Suicide bomb", "suicide", lambda c: True, 0.9),
    ("excessive_force", "Excessive force against protesters", "excessive", lambda c: True, 0.8),
    ("protest", _protest_sub, "protest", lambda c: True, 0.75),
    ("dispersal", "Protest with intervention", "dispersal", lambda c: True, 0.6),
    # an organised armed group's fight is a battle, even when called "communal"
    ("mob", "Mob violence", "mob", lambda c: (_violent(c) or c["riot"]) and not c["armed_group"], 0.7),
    ("riot", _riot_sub, "riot",
     lambda c: not c["armed_weapons"] and not c["armed_group"] and not _framed(c["riot"]), 0.65),
    # people fleeing violence or evacuated are displacement (after the crowd rules: people
    # protesting about their evacuation protest)
    ("displaced", "Other", "displaced", lambda c: True, 0.55),
    # weapons seized in a fight with deaths belong to the fight
    ("disrupted", "Disrupted weapons use", "disrupted",
     lambda c: not (_SEIZURE.match(c["disrupted"].group(0)) and _FIGHT_DEATHS.search(c["_text"].string)), 0.75),
    ("air", "Air/drone strike", "air", lambda c: c["strike_verb"] or c["air_attack"], 0.85),
    ("reciprocal_fire", "Armed clash", "reciprocal",
     lambda c: _any(c, "shelling", "heavy_weapons", "explosion", "clash", "attack_verb", "small_arms"), 0.7),
    ("grenade_and_guns", "Armed clash", "grenade", lambda c: c["small_arms"] and c["armed_target"] and _violent(c), 0.7),
    ("grenade", "Grenade", "grenade", lambda c: _violent(c) and not re.search(r"grenade launcher", c["_text"].string, re.I), 0.8),
    ("ied", "Remote explosive/landmine/IED", "ied_used", lambda c: c["ied"] or c["explosion"], 0.8),
    ("explosions_heard", "Shelling/artillery/missile attack", "explosions_heard",
     lambda c: not c["ied"] and not c["small_arms"] and not c["gunshots"], 0.6),
    ("shots_and_blasts", "Armed clash", "explosion", lambda c: (c["small_arms"] or c["gunshots"]) and not c["ied"], 0.6),
    # ACLED codes heavy weapons mixed with small-arms fire as an armed clash, heavy alone as shelling
    ("shelling_with_small_arms", "Armed clash", "shelling",
     lambda c: ((c["small_arms"] or c["fighting"]) and (_violent(c) or c["shelling_attack"])
                and not (c["at_area"] and not c["fighting"] and not c["reciprocal"])), 0.7),
    ("heavy_with_small_arms", "Armed clash", "heavy_weapons",
     lambda c: c["small_arms"] and _violent(c) and not c["at_area"], 0.7),
    ("heavy_weapons", "Shelling/artillery/missile attack", "heavy_weapons",
     lambda c: re.search(r"\b(?:fir(?:ed|ing)|fire|explosions?|rounds)\b", c["_text"].string, re.I), 0.7),
    ("shelling", "Shelling/artillery/missile attack", "shelling", lambda c: _violent(c) or c["shelling_attack"], 0.8),
    ("transfer_unopposed", "Non-violent transfer of territory", "transfer",
     lambda c: (c["overtake"] or c["regain"] or c["clash"] or c["unopposed"]) and _unopposed(c), 0.65),
    ("entered_unopposed", "Non-violent transfer of territory", "unopposed",
     lambda c: c["control_change"] and _unopposed(c), 0.65),
    ("territory_regained", _territory_sub, "regain", lambda c: True, 0.7),
    ("territory_taken", _territory_sub, "overtake", lambda c: c["armed_target"] or c["clash"], 0.6),
    # police arresting suspects "in connection with the kidnapping" is an arrest, not an abduction
    ("arrest_of_suspects", "Arrests", "arrest", lambda c: c["abduct"] and c["suspects"], 0.7),
    ("abduction_in_fighting", "Armed clash", "abduct", lambda c: c["fighting"] and c["armed_party"], 0.7),
    ("abduction", "Abduction/forced disappearance", "abduct", lambda c: True, 0.8),
    # an arrest without shots, deaths or clashes is an arrest even when it was a "raid"
    ("arrest_no_violence", "Arrests", "arrest", lambda c: not c["violence_done"], 0.65),
    ("sexual_violence", "Sexual violence", "sexual", lambda c: True, 0.8),
    # property destroyed or seized and nobody hurt ("forces destroyed 9 shelters", "police seized
    # 3 tons of marijuana"): before the attack rule
    ("property_destruction", "Looting/property destruction", "looting", _property_only, 0.6),
    ("clash", _clash_sub, "clash", lambda c: not _clash_context_only(c), 0.75),
    ("attack", _attack_sub, "attack_verb", lambda c: c["civilian_target"] or c["armed_target"], 0.65),
    ("arrest", "Arrests", "arrest", lambda c: True, 0.65),
    ("body_found", "Attack", "body_found", lambda c: True, 0.55),
    ("looting", "Looting/property destruction", "looting", lambda c: True, 0.6),
    ("agreement", "Agreement", "agreement", lambda c: True, 0.55),
    ("headquarters", "Headquarters or base established", "hq", lambda c: True, 0.6),
    ("transfer", "Non-violent transfer of territory", "transfer", lambda c: True, 0.55),
    ("change", "Change to group/activity", "change", lambda c: True, 0.55),
    ("protest_weak", "Peaceful protest", "protest_weak", lambda c: not _violent(c), 0.45),
    ("explosion", "Remote explosive/landmine/IED", "explosion", lambda c: True, 0.45),
]


def _no_event(cues: Cues) -> bool:
    """Background, a non-event, a statement about responsibility, or a disaster's deaths (floods,
    quakes, accidents) with no armed party: nothing to code, whatever else the sentence says.
    People demonstrating about a disaster ("blocked roads to demand flood aid") are a protest."""
    return bool(cues["background"] or cues["non_event"] or cues["attribution"]
                or (cues["disaster"] and not cues["armed_party"] and not cues["protest"] and not cues["deliberate"]))


def reports_disaster(text: str) -> bool:
    """The sentence reports a disaster or an accident (and no deliberate violence)."""
    cues = _cues(text)
    return bool(cues["disaster"] and not cues["armed_party"] and not cues["protest"] and not cues["deliberate"])


class _LazyCues(dict):  # type: ignore[type-arg]
    """Cue name -> its first match in the sentence, searched when a rule first asks for it:
    most sentences are settled after a few cues, and the cue table is the rules' main cost."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def __missing__(self, name: str) -> re.Match[str] | None:
        m = re.match(r".*", self.text, re.S) if name == "_text" else CUES[name].search(self.text)
        self[name] = m  # the whole sentence under "_text", for rules that read it
        return m


@lru_cache(maxsize=8192)
def _cues(text: str) -> Cues:
    """The sentence's cues (cached: a sentence is typed twice when the article has a dominant
    means of violence, and the classifier's verdict is combined with the same cues)."""
    return _LazyCues(text)


def classify(text: str, *, doc_mode: str | None = None) -> Detection | None:
    """Type one sentence, or None when it reports no current conflict event.

    ``doc_mode``: the article's dominant remote-violence sub-type (e.g. "Air/drone strike"),
    used for a bare "destroyed"/"eliminated" with no means named.
    """
    cues = _cues(text)  # shared, cached: read only
    if _no_event(cues):
        return None
    lead = cues["background_lead"]
    hyp = cues["hypothetical"]
    ref = cues["reference"]
    aggregate = bool(cues["aggregate"])
    scale = 0.6 if hyp is not None else 1.0
    for name, sub, cue, cond, conf in RULES:
        m = cues[cue]
        if m is None or not cond(cues):
            continue
        if ref is not None and m.start() > ref.start():
            continue  # "in retaliation for a rocket attack", "the scene of a bombing": another event
        if hyp is not None and m.start() > hyp.start():
            continue  # "threatened to attack the city": the attack is inside the threat
        # an event named before a "could" / "set to" clause is in doubt, but an agreement "set
        # to take effect" is made
        scale = 0.6 if hyp is not None and cue != "agreement" else 1.0
        if lead is not None and m.start() > lead.start():
            return None  # "Since 2014, ... clashes": what follows the frame is history
        chosen = sub(cues) if callable(sub) else sub
        if name == "attack" and doc_mode is not None and cues["strike_verb"] and not cues["armed_weapons"]:
            # "two strikes hit the hills" in an article about drone strikes: the same means
            chosen, name = doc_mode, "attack_in_doc_mode"
        return Detection(chosen, name, m.start(), m.end(), conf * scale, aggregate)
    m = cues["attack_verb"]
    if m is not None and doc_mode is not None and not (lead is not None and m.start() > lead.start()):
        # "a depot was destroyed": the article says elsewhere how (its dominant means).
        return Detection(doc_mode, "attack_in_doc_mode", m.start(), m.end(), 0.5 * scale, aggregate)
    return None


# Cues that make a sentence worth typing at all (the classifier looks only at these).
_CANDIDATE_CUES = ("air", "shelling", "ied", "suicide", "grenade", "chemical", "explosion", "attack_verb", "clash",
                   "regain", "overtake", "abduct", "sexual", "protest", "protest_weak", "riot", "mob", "arrest",
                   "agreement", "disrupted", "hq", "looting", "transfer", "change", "heavy_weapons")

# Rules whose cue is generic enough that a confident classifier should decide instead.
# Violence against people ("attack"), fighting ("clash") and demonstrations ("protest") named
# outright stand: there the rules carry ACLED's conventions, which the classifier does not know.
WEAK_RULES = {"explosion", "protest_weak", "change", "transfer", "agreement", "body_found",
              "looting", "property_destruction", "displaced", "arrest_no_violence", "territory_taken", "hq", "mob",
              "riot"}
# Rules that name violence or a demonstration outright: the classifier needs more certainty.
FIRM_RULES = {"attack", "clash", "protest", "attack_in_doc_mode"}
_BY_TARGET = {"Attack", "Armed clash"}
# who took the ground, read by the rule, decides between these two
_BY_TAKER = {"Government regains territory", "Non-state actor overtakes territory"}
CROWD_SEVERITY = {"Peaceful protest": 0, "Protest with intervention": 1, "Excessive force against protesters": 2,
                   "Violent demonstration": 2, "Mob violence": 2}
ADD_MIN = 0.55       # classifier alone adds an event at this probability
VETO_MIN = 0.8       # classifier says NONE this surely: a weak rule's event is dropped
OVERRIDE_MIN = 0.75  # classifier's other type replaces a weak rule's type
FIRM_VETO_MIN = 0.995
FIRM_OVERRIDE_MIN = 0.9


def is_candidate(text: str) -> bool:
    """The classifier could change this sentence's typing: some event cue is in ``text`` and no
    specific rule (a named means of violence) has settled it already."""
    cues = _cues(text)
    if not any(cues[c] for c in _CANDIDATE_CUES):
        return False
    det = classify(text)
    return det is None or det.rule in WEAK_RULES or det.rule in FIRM_RULES


def combine(det: Detection | None, probs: Mapping[str, float] | None, *, text: str) -> Detection | None:
    """Rule and classifier together: specific rules (a named means of violence) stand; the
    classifier adds events the rules miss, vetoes weak rules' non-events and retypes weak
    rules' events when it is confident. Without ``probs`` the rule decides alone."""
    if not probs:
        return det
    cues = _cues(text)
    label, p = max(probs.items(), key=lambda kv: kv[1])
    if det is None:
        if label == "NONE" or p < ADD_MIN or _no_event(cues) or cues["background_lead"]:
            return None
        return Detection(label, "classifier", 0, len(text), p * 0.9, bool(cues["aggregate"]))
    if det.rule in WEAK_RULES:
        veto, override = VETO_MIN, OVERRIDE_MIN
    elif det.rule in FIRM_RULES:
        veto, override = FIRM_VETO_MIN, FIRM_OVERRIDE_MIN
    else:
        return det
    if label == "NONE" and p >= veto:
        return None
    if {label, det.sub_event_type} <= _BY_TARGET or {label, det.sub_event_type} <= _BY_TAKER:
        return det  # who was attacked (who took the ground), read by the rule, decides (ACLED's convention)
    if (label in CROWD_SEVERITY and det.sub_event_type in CROWD_SEVERITY
            and CROWD_SEVERITY[label] < CROWD_SEVERITY[det.sub_event_type]):
        return det  # police or crowd violence the rule read is not undone by the classifier
    if label not in ("NONE", det.sub_event_type) and p >= override:
        return Detection(label, f"{det.rule}+classifier", det.start, det.end, max(det.confidence, p * 0.9),
                         det.aggregate)
    return det
