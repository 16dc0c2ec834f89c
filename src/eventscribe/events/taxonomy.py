"""ACLED's event taxonomy: 6 event types and 25 sub-event types, with their exact names."""

from __future__ import annotations

__all__ = ["EVENT_TYPES", "SUB_EVENT_TYPES", "event_type_of"]

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb",
        "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}

SUB_EVENT_TYPES: dict[str, str] = {sub: etype for etype, subs in EVENT_TYPES.items() for sub in subs}


def event_type_of(sub_event_type: str) -> str:
    """The event type a sub-event type belongs to (KeyError names an unknown sub-type)."""
    return SUB_EVENT_TYPES[sub_event_type]
