"""classify: one hand-written sentence in, one ACLED sub-event type (or None) out."""

from __future__ import annotations

import pytest

from eventscribe.events.detect import RULES, Detection, classify
from eventscribe.events.rules import CUES, find
from eventscribe.events.taxonomy import EVENT_TYPES, SUB_EVENT_TYPES, event_type_of

# Two or more sentences per sub-event type, in different news styles (headline, wire lede,
# attributed quote, passive voice). All written for these tests.
TYPED: list[tuple[str, str]] = [
    # distinctions mended after error analysis (sentences of our own)
    ("Supporters of the two parties clashed with machetes and sticks at the market.", "Mob violence"),
    ("Hundreds of laborers clashed with police and pelted stones at the camp gates.", "Mob violence"),
    ("A group of young men beat up a soldier after a quarrel at the bus stop.", "Mob violence"),
    ("The demonstrators broke into the town hall and attacked two clerks.", "Violent demonstration"),
    ("The bodies of two men were found dumped beside the highway with their hands tied.", "Attack"),
    ("Soldiers beat four farmers and then detained them at the checkpoint.", "Attack"),
    ("A grenade thrown at the police post failed to explode, police said.", "Disrupted weapons use"),
    ("Bus drivers gathered in front of the regional transport office on Monday to demand unpaid wages.",
     "Peaceful protest"),
    ("Russian and Turkish forces held a joint patrol along the highway on Friday.", "Change to group/activity"),
    ("Motorcycle taxi riders burnt two cars after a road accident killed one of their colleagues.", "Mob violence"),
    ("Police seized six hundred military munitions from an abandoned farmhouse.", "Disrupted weapons use"),
    ("Militia fighters fired heavy and medium machine guns at farms east of the town.",
     "Shelling/artillery/missile attack"),
    ("The rebels fired 14.5mm guns and sniper rifles at residential areas of the port.",
     "Shelling/artillery/missile attack"),
    ("Government troops thwarted a rebel incursion near the dam, killing six fighters.", "Armed clash"),
    ("Gunmen raided the village and confronted a local militia at the market.", "Armed clash"),
    ("Inmates protested over a search of their cells; mattresses were burnt and property destroyed.",
     "Violent demonstration"),
    ("Traders held a demonstration and clashed with the market owner's guards over new fees.",
     "Violent demonstration"),
    ("Customs officers seized 12,000 rounds of rifle ammunition and two RPG launchers at the port.",
     "Disrupted weapons use"),
    ("Two off-duty police officers were shot dead outside a bakery in the suburb.", "Attack"),
    ("Security forces stormed the house and shot him twice.", "Attack"),
    ("Gunmen on motorbikes shot dead an alleged drug dealer at a car wash.", "Armed clash"),
    ("Gunshots and explosions were reported near the border crossing overnight.", "Armed clash"),
    ("Two groups of villagers clashed and pelted stones at each other after police fired shots in the air.",
     "Mob violence"),
    ("Monitors recorded 30 explosions and bursts of small-arms fire near the front line.", "Armed clash"),
    ("Customs officers said 40 rifles and 3,000 rounds of ammunition were seized from a lorry at the border.",
     "Disrupted weapons use"),
    ("Police intercepted a dozen locally made single-barrel guns at the checkpoint.", "Disrupted weapons use"),
    ("Soldiers destroyed three caches of improvised explosive devices found in the forest.", "Disrupted weapons use"),
    ("Riot police violently dispersed the peaceful sit-in, beating students with batons.",
     "Excessive force against protesters"),
    ("Hundreds of nurses formed a human chain outside the ministry to demand unpaid wages.", "Peaceful protest"),
    ("Riot police stood guard as workers on strike listened to speeches outside the factory.", "Peaceful protest"),
    ("A suicide car bomber blew himself up at the army checkpoint, killing four soldiers.", "Suicide bomb"),
    ("The rebels fired rocket-propelled grenades at the convoy.", "Shelling/artillery/missile attack"),
    ("Fresh units were dispatched to reinforce the border garrison on Monday.", "Change to group/activity"),
    ("More than 70 fighters of the armed opposition have surrendered to the state government.", "Agreement"),
    ("Monitors recorded 14 undetermined explosions near the village of Mirne overnight.",
     "Shelling/artillery/missile attack"),
    ("Army units and the rebels traded artillery fire across the river in both directions.", "Armed clash"),
    ("A shelling exchange with heavy machine guns took place between the two armies near the dam.", "Armed clash"),
    ("A police patrol checking papers on the ring road near the market was attacked by armed youths.", "Armed clash"),
    ("Gunmen attacked a chief police inspector outside his home in the suburb.", "Armed clash"),
    ("Gunmen assassinated the district mayor in front of his house.", "Attack"),
    ("Members of a communal militia attacked a rival militia's camp, killing four fighters.", "Armed clash"),
    ("Students protested outside the court against the arrest of their union leader.", "Peaceful protest"),
    ("Protesters blocked the avenue with burning objects and set two buses on fire.", "Violent demonstration"),
    ("Residents banged pots in a protest against the new tax, a week after riots in the prisons.",
     "Peaceful protest"),
    ("Coalition and government troops carried out a joint patrol along the northern highway on Tuesday.",
     "Change to group/activity"),
    ("Militants carried out a remote explosive attack on a fuel depot outside the port.", "Remote explosive/landmine/IED"),
    ("Ten militiamen attacked an opposition party member in the commune on Sunday.", "Attack"),
    ("A group of youths attacked a police patrol with sticks near the bus stand, injuring one officer.",
     "Mob violence"),
    ("A group of citizens clashed with police officers at the market entrance over the new rules.", "Mob violence"),
    ("A group of residents protested outside the town hall demanding the closure of a landfill.", "Peaceful protest"),
    ("Traders protested in the market, demanding the arrest of men accused of torching their stalls.",
     "Peaceful protest"),
    ("The body of a farmer was found near the river on Sunday, killed by unknown gunmen.", "Attack"),
    ("Soldiers showed reporters a stash of mortar projectiles the militants left behind in the school.",
     "Disrupted weapons use"),
    ("Clashes broke out between riot police in the capital and anti-government demonstrators on Sunday.",
     "Violent demonstration"),
    ("Armed men on a motorbike shot two taxi drivers at a junction on Friday.", "Attack"),
    ("A clash broke out between police and shopkeepers over the lockdown in the old market.", "Mob violence"),
    ("Rebels fired anti-aircraft guns and mortars at army posts south of the city.", "Shelling/artillery/missile attack"),
    ("Youths rioted for a second night, looting shops and hurling bottles at police.", "Violent demonstration"),
    ("Villagers blocked the highway to demand relief after floods destroyed their homes.", "Peaceful protest"),
    ("Police dispersed some 200 migrant workers gathered at the railway station to demand trains home.",
     "Protest with intervention"),
    # Battles
    ("Soldiers and insurgents exchanged fire for three hours near the village of Kumba.", "Armed clash"),
    ("Fighting broke out between the army and rebel fighters outside the town on Monday.", "Armed clash"),
    ("Government troops recaptured the town of Kalo from militants after two days of fighting.",
     "Government regains territory"),
    ("The army regained control of the border town after fierce fighting.", "Government regains territory"),
    ("The army retook control of the district headquarters on Friday.", "Government regains territory"),
    ("Rebels seized the town of Bura after heavy clashes with local militias.",
     "Non-state actor overtakes territory"),
    ("Jihadist fighters captured the district centre after a day of fighting.",
     "Non-state actor overtakes territory"),
    # Explosions/Remote violence
    ("Residents said chlorine gas was dropped on the neighbourhood in an attack that left dozens choking.",
     "Chemical weapon"),
    ("Government forces used sarin in a rocket attack on the suburb, the inquiry found.", "Chemical weapon"),
    ("Warplanes struck a market in Maarat al-Numan on Tuesday, killing 9 people.", "Air/drone strike"),
    ("A drone hit a fuel depot on the outskirts of the city overnight, officials said.", "Air/drone strike"),
    ("Helicopter gunships bombed rebel positions near the border on Sunday.", "Air/drone strike"),
    ("A suicide bomber blew himself up at a checkpoint, killing four policemen.", "Suicide bomb"),
    ("A suicide car bomb exploded outside the barracks on Wednesday.", "Suicide bomb"),
    ("Artillery shells hit a residential block in the city centre, wounding six civilians.",
     "Shelling/artillery/missile attack"),
    ("Rebels fired mortars at the airport late on Thursday.", "Shelling/artillery/missile attack"),
    ("Militants fired rockets at the town, killing two residents.", "Shelling/artillery/missile attack"),
    ("A roadside bomb struck a military convoy near Kandahar, killing two soldiers.",
     "Remote explosive/landmine/IED"),
    ("A car bomb went off at a crowded bus station, killing 7 people.", "Remote explosive/landmine/IED"),
    ("An improvised explosive device detonated next to a patrol, wounding three soldiers.",
     "Remote explosive/landmine/IED"),
    ("Attackers threw a grenade into a crowded bar, injuring eleven people.", "Grenade"),
    ("A hand grenade was hurled at the police station, wounding two officers.", "Grenade"),
    # Violence against civilians
    ("A woman was raped by armed men near the camp, a local activist said.", "Sexual violence"),
    ("Militiamen sexually assaulted several women in the village, according to the UN.", "Sexual violence"),
    ("Gunmen attacked a village and killed 14 civilians overnight.", "Attack"),
    ("Unknown assailants shot dead a journalist outside his home on Monday.", "Attack"),
    ("Gunmen kidnapped three aid workers on the road to the capital.", "Abduction/forced disappearance"),
    ("Armed men abducted 20 students from their school dormitory.", "Abduction/forced disappearance"),
    ("Gunmen stormed a church and abducted the priest.", "Abduction/forced disappearance"),
    # Protests
    ("Hundreds of teachers marched through the capital demanding unpaid salaries.", "Peaceful protest"),
    ("Traders staged a peaceful protest outside the governor's office.", "Peaceful protest"),
    ("Workers went on strike demanding higher wages.", "Peaceful protest"),
    ("Police fired tear gas to disperse hundreds of demonstrators.", "Protest with intervention"),
    ("Police arrested dozens of protesters at a rally in the capital.", "Protest with intervention"),
    ("Security forces opened fire on protesters, killing five people.", "Excessive force against protesters"),
    ("Soldiers used live ammunition against demonstrators in the square.", "Excessive force against protesters"),
    ("Anti-government protesters were shot dead by police on Friday.", "Excessive force against protesters"),
    # Riots
    ("Protesters set fire to tyres and threw stones at police during the demonstration.",
     "Violent demonstration"),
    ("Students rioted and vandalised university buildings during a protest over fees.", "Violent demonstration"),
    ("A mob lynched a man accused of theft in the market.", "Mob violence"),
    ("An angry crowd attacked and beat a suspected thief to death.", "Mob violence"),
    ("Supporters of the two parties clashed in the town, leaving three injured.", "Mob violence"),
    # Strategic developments
    ("The two sides signed a ceasefire agreement in the capital on Thursday.", "Agreement"),
    ("The government and the rebel group agreed a prisoner exchange.", "Agreement"),
    ("Police arrested five suspected militants on Tuesday.", "Arrests"),
    ("Security officers detained the opposition leader at his home.", "Arrests"),
    ("Two armed factions announced the formation of a joint command.", "Change to group/activity"),
    ("The army deployed reinforcements to the border region.", "Change to group/activity"),
    ("The two rebel groups merged into a single movement.", "Change to group/activity"),
    ("Troops defused a roadside bomb on the main road.", "Disrupted weapons use"),
    ("Air defences shot down two drones over the region overnight.", "Disrupted weapons use"),
    ("Police seized a weapons cache in a raid on a farmhouse.", "Disrupted weapons use"),
    ("The militants established a new base in the forest.", "Headquarters or base established"),
    ("The group set up a headquarters in the abandoned school.", "Headquarters or base established"),
    ("Fighters looted shops and burned down houses in the village.", "Looting/property destruction"),
    ("Armed men plundered the market and stole livestock.", "Looting/property destruction"),
    ("The rebels withdrew from the town without a fight, handing it over to the army.",
     "Non-violent transfer of territory"),
    ("Government forces handed over the district to the local authorities.", "Non-violent transfer of territory"),
]

NON_EVENTS = [
    "The region has been the scene of fighting since 2014.",  # background
    "The aircraft returned safely to their base after completing the mission.",
    "All aircraft returned to base, the ministry said.",
    "Officials warned that rebels could launch an offensive on the capital.",  # hypothetical
    "Heavy rain and strong winds are expected across the north on Thursday.",  # weather
    "Temperatures will climb to 40 degrees this weekend, forecasters said.",
    "The foreign minister said the two countries would deepen economic cooperation.",  # diplomacy
    "The ambassador expressed concern about the humanitarian situation in a statement.",
    "The president met his counterpart to discuss trade.",
    "Border guards fired warning shots in the air as herders crossed the disputed pasture.",
    "Until 12 March, 400 detainees had been released from the city's jails.",  # a running total
    "The body of a fisherman who drowned on Sunday was found on the beach.",
    "Mourners lit candles to honour a student who died of wounds suffered during riots last month.",
    # accidents and leaks (sentences of our own)
    "Two workers died when a boiler at the fertiliser plant exploded on Friday night.",
    "A gas leak at the chemical plant left nine villagers dead and dozens in hospital.",
    "Three people were killed after their minibus lost control on an icy road and hit a truck.",
    # attribution and references to violence reported elsewhere
    "The group's spokesman denied it was responsible for the market bombing that killed 12.",
    "The militant group took credit for the suicide bombing in a statement on its website.",
    "The bloc imposed sanctions over the chemical attack on the town last year.",
    "Ministers condemned the bombing of the hospital in a joint statement.",
]


@pytest.mark.parametrize(("text", "sub_event_type"), TYPED)
def test_detect_types_sentence(text: str, sub_event_type: str) -> None:
    d = classify(text)
    assert d is not None, text
    assert d.sub_event_type == sub_event_type
    assert d.event_type == event_type_of(sub_event_type)


def test_detect_examples_cover_every_sub_event_type_twice() -> None:
    # "Other" is ACLED's residual category; no rule produces it.
    counts = {sub: sum(1 for _, s in TYPED if s == sub) for sub in SUB_EVENT_TYPES if sub != "Other"}
    assert {sub: n for sub, n in counts.items() if n < 2} == {}


@pytest.mark.parametrize("text", NON_EVENTS)
def test_detect_non_event_gives_none(text: str) -> None:
    assert classify(text) is None


HYPOTHETICAL = [
    "The militants threatened to attack the city if their demands were not met.",
    "Rebels vowed to storm the capital within a week.",
]


@pytest.mark.parametrize("text", HYPOTHETICAL)
def test_detect_hypothetical_threat_gives_none(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize("text", HYPOTHETICAL)
def test_detect_hypothetical_scales_confidence_below_plain_rule(text: str) -> None:
    d = classify(text)
    if d is not None:  # whatever fires must be weaker than the same rule on a factual sentence
        plain = {name: conf for name, _, _, _, conf in RULES}[d.rule]
        assert d.confidence < plain


def test_detect_evidence_offsets_point_at_cue() -> None:
    text = "Late on Monday, warplanes struck a fuel depot near the river."
    d = classify(text)
    assert d is not None and d.rule == "air"
    assert text[d.start:d.end].lower() == "warplanes"


def test_detect_aggregate_claim_flagged() -> None:
    d = classify("Russian aircraft struck 83 targets in 46 sorties over the past day.")
    assert d is not None
    assert d.sub_event_type == "Air/drone strike"
    assert d.aggregate is True


def test_detect_single_event_not_aggregate() -> None:
    d = classify("Warplanes struck a market on Tuesday, killing 9 people.")
    assert d is not None and d.aggregate is False


@pytest.mark.parametrize("doc_mode", ["Air/drone strike", "Shelling/artillery/missile attack"])
def test_detect_bare_destroyed_takes_document_mode(doc_mode: str) -> None:
    text = "An ammunition depot was destroyed."
    assert classify(text) is None
    d = classify(text, doc_mode=doc_mode)
    assert d is not None
    assert (d.sub_event_type, d.rule) == (doc_mode, "attack_in_doc_mode")


def test_detect_doc_mode_does_not_override_a_typed_sentence() -> None:
    d = classify("A roadside bomb struck a military convoy.", doc_mode="Air/drone strike")
    assert d is not None and d.sub_event_type == "Remote explosive/landmine/IED"


def test_detect_means_decides_before_victim() -> None:
    # ACLED precedence: an air strike that kills civilians is an air strike, not an attack.
    d = classify("Jets bombed a village, killing 12 civilians.")
    assert d is not None and d.sub_event_type == "Air/drone strike"


def test_detect_detection_is_frozen() -> None:
    d = Detection("Armed clash", "clash", 0, 5, 0.75)
    with pytest.raises(AttributeError):
        d.rule = "other"  # type: ignore[misc]


def test_detect_rules_name_real_cues_and_sub_types() -> None:
    for name, sub, cue, _, conf in RULES:
        assert cue in CUES, name
        assert 0 < conf <= 1, name
        if isinstance(sub, str):
            assert sub in SUB_EVENT_TYPES, name


def test_detect_rule_names_unique() -> None:
    names = [r[0] for r in RULES]
    assert len(names) == len(set(names))


def test_rules_find_returns_match_or_none() -> None:
    assert find("grenade", "a grenade went off") is not None
    assert find("grenade", "nothing here") is None


def test_taxonomy_six_types_twenty_five_sub_types() -> None:
    assert len(EVENT_TYPES) == 6
    assert len(SUB_EVENT_TYPES) == 25
    assert event_type_of("Grenade") == "Explosions/Remote violence"
    with pytest.raises(KeyError):
        event_type_of("Drive-by")


# --- wrong today: correct behaviour, expected to fail until fixed ---------------------------------

@pytest.mark.parametrize("text", [
    "Insurgents seized the town of Dalori after overrunning an army base.",
    "Militants captured the village after a fierce battle with soldiers.",
    "Al-Shabaab fighters seized the town after heavy fighting with government troops.",
    "Rebel fighters recaptured the hill town hours after soldiers had taken it.",  # the taker, not the verb
])
def test_detect_non_state_capture_not_government(text: str) -> None:
    d = classify(text)
    assert d is not None and d.sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.parametrize("text,expected", [
    # ACLED: territory acquired without violent interaction is a non-violent transfer
    ("Al-Shabaab fighters seized the town after government troops withdrew.", "Non-violent transfer of territory"),
    ("The brigade entered the district capital without fighting on Sunday.", "Non-violent transfer of territory"),
    ("The coalition tasked with fighting the insurgents withdrew from the airbase and handed control to the army.",
     "Non-violent transfer of territory"),
    ("The town was re-captured by government troops backed by allied militias.", "Government regains territory"),
    ("Army units pushed al-Qadim fighters out of three villages near the river.", "Government regains territory"),
])
def test_detect_who_takes_ground_and_how(text: str, expected: str) -> None:
    d = classify(text)
    assert d is not None and d.sub_event_type == expected, d


@pytest.mark.parametrize("text", [
    "A landmine explosion killed three farmers in the district on Saturday.",
    "Two people died when a landmine exploded under their car.",
])
def test_detect_landmine_is_remote_explosive(text: str) -> None:
    d = classify(text)
    assert d is not None and d.sub_event_type == "Remote explosive/landmine/IED"


def test_detect_arrest_raid_is_arrests() -> None:
    d = classify("Police arrested five suspected militants in a dawn raid on Tuesday.")
    assert d is not None and d.sub_event_type == "Arrests"


def test_detect_killing_protesters_active_voice_is_excessive_force() -> None:
    d = classify("Security forces killed five protesters during demonstrations in the capital.")
    assert d is not None and d.sub_event_type == "Excessive force against protesters"


def test_detect_execution_of_detainees_is_attack() -> None:
    d = classify("Soldiers executed six detainees in the village.")
    assert d is not None and d.sub_event_type == "Attack"


def test_detect_villagers_hacking_someone_to_death_is_mob_violence() -> None:
    d = classify("Villagers hacked a suspected witch to death.")
    assert d is not None and d.sub_event_type == "Mob violence"


@pytest.mark.parametrize(("text", "sub"), [
    # forces seizing contraband or dismantling a drug lab: ACLED's property sub-type
    ("Police seized 4 tons of marijuana in a warehouse on Monday.", "Looting/property destruction"),
    ("Soldiers dismantled a cocaine lab in the jungle.", "Looting/property destruction"),
    ("Troops destroyed 12 rebel shelters in the hills; nobody was hurt.", "Looting/property destruction"),
    # weapons seized during a deadly fight belong to the fight
    ("Troops killed four militants in a clash and seized their rifles.", "Armed clash"),
    # personnel and ranks are armed targets: a fight, not an attack on civilians
    ("Gunmen shot dead a police lieutenant at a checkpoint.", "Armed clash"),
    # machine guns fired at a neighbourhood, nobody fighting back: shelling
    ("Troops fired mortars and heavy machine guns at residential neighbourhoods of the town.",
     "Shelling/artillery/missile attack"),
    # people fleeing violence: a strategic development of its own
    ("Thousands of villagers fled their homes after the attacks on nearby towns.", "Other"),
])
def test_detect_acled_conventions_for_property_targets_and_displacement(text: str, sub: str) -> None:
    d = classify(text)
    assert d is not None and d.sub_event_type == sub
