"""The cue table: named regular expressions over a sentence's lower-cased text.

Cues are data, not code: each names one kind of evidence (an air platform, a protest word,
an attack verb...). ``detect.py`` combines them in an ordered list of typing rules.
Patterns match inflections explicitly (``shell(?:s|ed|ing)?``) so no lemmatiser is needed and
a cue's matched characters are the evidence shown to the analyst.
"""

from __future__ import annotations

import re

__all__ = ["CUES", "find"]


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


CUES: dict[str, re.Pattern[str]] = {
    # --- means of violence -------------------------------------------------------------
    "air": _c(
        r"\b(?:air[- ]?strikes?|air[- ]?raids?|air[- ]?attacks?|aerial (?:attack|bombardment|strike)s?|"
        r"warplanes?|war planes?|fighter jets?|jets?|bombers?|drones?|uavs?|unmanned aerial|"
        r"helicopters?|gunships?|(?<!anti-)(?<!anti )aircraft|sorties?|air force|aerospace forces|airplanes?|"
        r"(?:su|mig|tu|mi|yak|l)-\d+\w*|f-\d\d\w*|bayraktar|kab-\d+\w*|barrel bombs?|"
        r"bombed from the air|precision (?:air)?strikes?|airstrike)\b"),
    # verbs of striking a target (a helicopter that *evacuated* the wounded struck nothing)
    "strike_verb": _c(r"\b(?:struck|strikes?|hit(?:s|ting)?|bomb(?:s|ed|ing)|target(?:s|ed|ing)?|fired|fire[ds]? (?:on|at)|"
                      r"attack(?:s|ed|ing)?|destroy(?:s|ed|ing)?|eliminat(?:e|es|ed|ing)|kill(?:s|ed|ing)?|"
                      r"shell(?:s|ed|ing)|pound(?:s|ed|ing)|raid(?:s|ed)?|wiped (?:\w+ )?out|dropped|launched)\b"),
    # words that are themselves an attack of that kind (no separate attack verb needed)
    "air_attack": _c(r"\b(?:air[- ]?strikes?|air[- ]?raids?|air[- ]?attacks?|aerial (?:attack|bombardment|strike)s?|"
                     r"drone (?:strike|attack)s?|sorties?|barrel bombs?|bomb(?:ed|ing|s)?)\b"),
    "shelling_attack": _c(r"\b(?:shell(?:ed|ing|s)|bombard(?:ed|ment|ing|s)?|(?:fired|launched) (?:\w+ ){0,3}?(?:shells|rockets|"
                          r"missiles|mortars?|artillery|projectiles)|(?:rocket|missile|mortar|artillery) (?:attack|fire|"
                          r"strike)s?|projectiles?)\b"),
    "shelling": _c(
        r"\b(?:shell(?:s|ed|ing)?|artillery|mortars?|rockets?|missiles?|howitzers?|grads?|mlrs|"
        r"katyushas?|projectiles?|tank (?:fire|rounds?)|cannon fire|heavy weapons?|"
        r"rocket[- ]propelled|rpgs?|bombard(?:ed|ment|ing)?)\b"),
    # an IED as the instrument of an explosion (not a workshop *producing* IEDs)
    "ied_used": _c(
        r"\b(?:ieds?|bombs?|(?:land)?mines?|explosive devices?|explosives)\b,?(?: \([\w-]+\),?| -[^-]{0,60}-)? "
        r"(?:[\w-]+,? ){0,8}?(?:kill|injur|wound|hit|struck|"
        r"target|explod|detonat|went off|ripped|tore)|\b(?:by|in|with) (?:a |an |two |three )?(?:\w+[ -]){0,3}?"
        r"(?:ieds?|bombs?|(?:land)?mines?|explosive devices?|explosions?|blasts?)\b|\b(?:landmine|mine|ied|bomb) explosions?\b|"
        r"\bremote(?:ly)?[- ]explosive attacks?\b|\b(?:planted|detonated|triggered|stepped on)"
        r" (?:a |an )?(?:[\w-]+ ){0,3}(?:bomb|mine|ied|explosive)|limpet (?:mines?|bombs?|blasts?)"),
    "ied": _c(
        r"\b(?:ieds?|improvised explosive devices?|roadside bombs?|land ?mines?|(?:anti-\w+ )?(?-i:mines?)|"
        r"remote(?:ly)?[- ](?:explosives?|detonated|controlled (?:bombs?|devices?))|"
        r"explosive devices?|car bombs?|vbieds?|booby[- ]trap(?:ped|s)?|sticky bombs?|magnetic bombs?|"
        r"bomb (?:exploded|went off|blast)|bomb blast|explosives?-laden|planted (?:a )?bombs?|"
        r"remote[- ]controlled (?:bomb|device|explosive)s?)\b"),
    "suicide": _c(r"\b(?:suicide (?:[\w-]+ ){0,2}?(?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|car|vest|blast|ied|vbied|"
                  r"explosive|belt)s?|s-?vbieds?|blew (?:themselves|himself|herself) up)\b"),
    "grenade": _c(r"\b(?<!propelled )grenades?\b"),  # a rocket-propelled grenade is a rocket
    "chemical": _c(r"\b(?:chemical (?:weapon|attack|agent)s?|chlorine|sarin|toxic gas|poison(?:ous)? gas|mustard gas|nerve agent)\b"),
    "explosion": _c(r"\b(?:explo(?:sion|sions|ded|de|des)|blasts?|detonat(?:ed|ion|es))\b"),
    # --- violence ---------------------------------------------------------------------
    # a body found bound, dumped or in bags: a killing, though nobody is seen doing it
    "body_found": _c(r"\b(?:bod(?:y|ies)|(?:human )?remains|corpses?) (?:[\w,-]+ ){0,6}?(?:were|was|have been|has been) "
                     r"(?:found|discovered|recovered|dumped|left)|(?:found|discovered) (?:dead|murdered|"
                     r"(?:the )?bod(?:y|ies) of)\b"),
    "attack_verb": _c(
        r"\b(?:kill(?:s|ed|ing)?|shot|shoot(?:s|ing)?|attack(?:s|ed|ing)?|strikes?|struck|hit(?:s|ting)?|"
        r"target(?:s|ed|ing)?|bomb(?:s|ed|ing)?|destroy(?:s|ed|ing)?|eliminat(?:e|es|ed|ing)|"
        r"open(?:ed)? fire|fired(?! (?:\w+ ){0,2}?(?:warning shots|shots (?:in|into) the air))|ambush(?:ed|es)?|raid(?:s|ed)?|assault(?:ed|s)?|storm(?:ed|s)?|"
        r"stabb(?:ed|ing)|behead(?:ed|ing)|execut(?:ed|ion)|tortur(?:ed|e)|beat(?:en|ing)?|"
        r"injur(?:ed|ing|ies)|wound(?:ed|ing|s)?|hack(?:ed|ing)? (?:[\w-]+ ){0,4}?to death|lynch(?:ed|ing)?|"
        r"murder(?:ed|s)?|massacre(?:d|s)?|dead|died|wiped (?:\w+ )?out|(?:taken|took|take|taking) out|pound(?:ed|ing)|"
        r"assassinat(?:e|ed|es|ion)|gunned down|slaughter(?:ed)?|butcher(?:ed)?|"
        r"dropped (?:\w+ ){0,3}?(?:bombs?|grenades?|explosives|munitions|shells)|"
        r"used (?:\w+ ){0,2}?(?:artillery|mortars?|rockets?|drones?|weapons|missiles?))\b"),
    "clash": _c(
        r"\b(?<!without )(?:clash(?:es|ed)?|fighting(?! vehicles?)|fought|gun ?fights?|fire ?fights?|exchange(?:s|d)? (?:of )?fire|"
        r"shoot-?outs?|battles?|battled|skirmish(?:es)?|armed confrontations?|"
        r"engaged (?:in )?(?:fierce |heavy )?(?:fighting|combat|clashes|battle)|"
        # not warning shots, nor shots in the air: a show of force, no fight
        r"ceasefire violations?|small[- ]arms?(?: fire)?|(?<!warning )shots(?! (?:fired )?(?:in|into) the air)|counter-?attack(?:ed)?|"
        r"bursts? of fire|gunfire|returned fire|came under (?:\w+ )?fire|traded fire|"
        # an attack fought off is a fight
        r"(?:thwart|repel|repuls|foil|repulse)(?:ed|led|s|es)? (?:[\w-]+ ){0,3}?(?:incursions?|attacks?|advances?|"
        r"offensives?|infiltrations?|assaults?)|confront(?:ed|ing)? (?:[\w-]+ ){0,3}?(?:militias?|militants|forces|"
        r"troops|fighters|gunmen|soldiers))\b"),
    "regain": _c(r"\b(?:freed (?:\w+ ){0,3}?(?:villages?|towns?|areas?|city|districts?|neighbou?rhoods?) from|"
                 r"pushed (?:[\w-]+ ){0,5}?(?:back|out of)|re-?captur(?:e|ed|es)|retook|retake[sn]?|(?<!to )regain(?:ed|s)? control|liberat(?:ed|es|ion of)|"
                 r"took back|back under (?:government )?control|re-?took|seized back|"
                 r"regained (?:\w+ )?(?:ground|territory|control)|(?:ground|territory) (?:was|were|has been) regained)\b"),
    "overtake": _c(r"\b(?:(?:seiz(?:e|ed|es|ing)|captur(?:e|ed|es|ing)|took control of|taken control of|overr(?:an|un)|"
                   r"gained control of|took over|stormed|controlling) (?:the |a |an |several |two |three |some )?(?:\w+ )?"
                   r"(?:towns?|villages?|city|cities|areas?|districts?|bases?|positions?|hills?|territory|"
                   r"neighbou?rhoods?|airports?|checkpoints?|outposts?|strongholds?|(?-i:[A-Z][\w'-]+))|fell to|"
                   r"(?:under|gained|seized|took|taken|full) (?:the )?control (?:by force )?(?:of|over)|gained ground)\b"),
    "abduct": _c(r"\b(?:abduct(?:s|ed|ion|ing)?|kidnap(?:s|ped|ping)?|hostages?|forcibly disappeared|"
                 r"enforced disappearance|went missing after being taken)\b"),
    "sexual": _c(r"\b(?:rap(?:e|ed|es|ing)|sexual(?:ly)? (?:assault|abuse|violence|assaulted|abused))\b"),
    "civilian_target": _c(
        r"\b(?:civilians?|villagers?|residents?|farmers?|herders?|wom[ae]n|(?<!armed )(?<!unidentified )(?<!unknown )m[ae]n|"
        r"child(?:ren)?|boys?|girls?|"
        r"people|persons?|students?|teachers?|journalists?|worshippers?|passengers?|shopkeepers?|traders?|"
        r"family|families|body|bodies|corpses?|dead body|civilian|youths?|activists?|doctors?|aid workers?|"
        r"detainees?|prisoners?|captives?|hostages?|inmates?|shepherds?|fishermen|fisherman|suspects?\b|"
        r"villages?|hamlets?|communit(?:y|ies)|settlements?|cattle camps?|homes?|houses?|markets?|churche?s?|"
        r"mosques?|schools?|hospitals?|vehicles? carrying|buses|bus|minibus|monitors?|officials?|members?|"
        r"supporters|staff|agents|candidates?|voters|councill?ors?|"
        r"chiefs?(?! (?:of )?(?:police|security|staff|army|military|commander|superintendent|inspector|officer))|"
        r"a local|locals|relatives?|drivers?|motorists?|riders?|workers?|labou?rers?|vendors?|merchants?|"
        r"business(?:m[ae]n|owners?|people)|priests?|pastors?|imams?|clerics?|nurses?|lawyers?|politicians?|"
        r"mayors?|husband|wife|son|daughter|teen(?:ager)?s?)\b"),
    "armed_target": _c(
        r"\b(?:(?:security|military|army|police|defen[cs]e|armed forces) personnel|servicem[ae]n|rangers?|troopers?|"
        r"(?:1st |2nd |first |second )?lieutenants?|sergeants?|corporals?|colonels?|(?:army |police |military )captains?|"
        r"recruits|cadets|(?:at|on) (?:a |the )?(?:local )?police (?:stations?|posts?)|"
        r"soldiers?|troops?|army|military|police(?:men|man)?(?! station)|officers?|checkpoints?|convoys?|patrols?|"
        r"positions?|bases?|militants?|rebels?|insurgents?|fighters?|forces|militias?|militiamen|guards?|"
        r"outposts?|barracks|gunmen|jihadists?|terrorists?|divisions?|brigades?|battalions?|regiments?|corps|"
        r"factions?|commanders?|combatants?|(?:alleged |suspected )?(?:drug (?:dealers?|traffickers?)|gang members?|"
        r"gangsters?|hitm[ae]n|sicarios?))\b"),
    "gunshots": _c(r"\b(?:gunshots?|shots (?:were )?(?:fired|heard)|gunfire|shooting)\b"),
    "small_arms": _c(r"\b(?:small[- ]arms?|shots|firearms?|(?<!heavy )(?<!medium )machine[- ]guns?|gunfire|rifles?|"
                     r"automatic weapons|light weapons|exchange(?:d|s)? (?:of )?fire)\b"),
    "armed_weapons": _c(r"\b(?:guns?|gunmen|gunfire|gunshots?|firearms?|rifles?|pistols?|shot|shooting|opened fire|"
                        r"fired|armed(?! police| forces)|weapons?|ammunition|bullets?|machine[- ]guns?|explosives?)\b"),
    # an armed party named in the sentence (then a clash is an armed clash, not mob violence)
    "armed_party": _c(r"\b(?:forces|soldiers|troops|corps|militants?|rebels?|army|gunmen|armed (?:men|group)|militias?|"
                      r"militiamen|insurgents|jihadists|police(?:men)?(?! station)|gangs?|cartels?|guerrillas?|"
                      r"fighters)\b"),
    # fire in both directions: whatever the weapons, two sides fighting (ACLED: an armed clash)
    "reciprocal": _c(r"\b(?:in both directions|responded to the fire|returned the fire|exchang(?:e|es|ed|ing) (?:of )?(?:[\w-]+ ){0,2}?(?:fire|shelling|shells|"
                     r"artillery|strikes|attacks|gunfire|mortars?|rockets)|(?:shelling|artillery|gunfire|mortar|fire|rocket) "
                     r"exchanges?|traded (?:[\w-]+ ){0,2}?(?:fire|shells|strikes|gunfire)|returned fire|mutual (?:shelling|fire)|"
                     r"responded (?:with|by) (?:[\w-]+ ){0,3}?fire)\b"),
    # explosions counted or heard from afar (a monitor's log, a front line): shelling, not a bomb
    "explosions_heard": _c(r"\b(?:\d+|two|three|four|five|several|multiple|numerous|dozens of|a series of|a number of) "
                           r"(?:[\w-]+[ /]){0,3}?explosions\b|\bexplosions (?:were |was )?(?:heard|recorded|observed|"
                           r"reported)|(?:heard|recorded|observed|registered) (?:[\w/-]+ ){0,5}?explosions\b"),
    # fire aimed at a place rather than at a force: remote, like shelling
    "at_area": _c(r"\b(?:at|on|towards?) (?:the )?(?:[\w-]+ ){0,3}?(?:areas?|villages?|neighbou?rhoods?|farms?|"
                  r"locations|houses|homes|districts?|residential)\b"),
    # weapons of a brawl, not of an armed group: machetes, knives, sticks, stones
    "cold_weapons": _c(r"\b(?:machetes?|knives|knife|sticks|clubs|stones|rocks|axes|swords|spears|bows? and arrows|"
                       r"iron rods|batons|sharp objects|bare hands|fists)\b"),
    # an organised armed group: its fights are battles, never a mob's
    "armed_group": _c(r"\b(?:militias?|militiamen|gangs?|gang members|cartels?|rebels?|insurgents?|gunmen|"
                      r"armed (?:men|group|groups)|guerrillas?|jihadists?|militants?|fighters)\b"),
    # explicit words for fighting (not just "fired")
    "fighting": _c(r"\b(?:clash(?:es|ed)?|fighting|fought|battles?|battled|exchange(?:s|d)? (?:of )?fire|gun ?fights?|"
                   r"fire ?fights?|skirmish(?:es)?)\b"),
    "dispute": _c(r"\b(?:disputes?|scuffles?|quarrels?|feuds?|altercations?|brawls?|row over|over (?:a |the )?"
                  r"(?:land|property|water|cattle|money|debt))\b"),
    # a clash word that only gives the context of something else ("amid ongoing clashes")
    "clash_context": _c(r"\b(?:(?:ongoing|recent|in connection (?:to|with)|in the context of|amid|amidst|following|since)"
                        r" (?:the )?(?:\w+ ){0,3}?(?:clashes|fighting|battles?|hostilities|violence)|"
                        r"(?:tasked|charged|mandated) with fighting|the fight(?:ing)? against)\b"),
    # weapons ACLED counts as heavy (shelling) vs light (an armed clash)
    "heavy_weapons": _c(r"\b(?:artillery|mortars?|grenade launchers?|heavy machine[- ]?guns?|ifvs?|bmps?|tanks?|"
                        r"(?:heavy|medium)(?: and (?:heavy|medium))? (?:machine[- ]?guns?|weapons)|"
                        r"(?:caliber |calibre )?\d{2}(?:\.\d)?\s?mm|"
                        r"anti-tank|atgms?|howitzers?|mlrs|grads?|cannons?|recoilless|rockets?|missiles?)\b"),
    "unarmed_groups": _c(r"\b(?:supporters|members of (?:the )?(?:[\w-]+ ){1,3}?(?:party|union|community|family|clan|tribe)|"
                         r"party (?:members|supporters|workers|activists)|nationals|labou?rers|"
                         r"group of (?:[\w-]+ ){0,3}?(?:men|youths?|people|residents|villagers|women|boys)|"
                         r"villagers|residents|students|journalists|groups of|families|communities|two groups|"
                         r"workers|traders|shopkeepers|vendors|refugees|migrants|locals|youths|citizens|inhabitants|farmers|herders|neighbou?rs|relatives|(?:two|rival|village|farmer|student) groups|"
                         r"inmates|prisoners|brothers|famil(?:y|ies)|clans?)\b"),
    # --- demonstrations ---------------------------------------------------------------
    "protest": _c(
        r"\b(?:protest(?:s|ed|ing|ers?)?|demonstrat(?:e|ed|ion|ions|ors?|ing)|rall(?:y|ies|ied)|"
        # not the month: "4th March", "in March", "since early March", "March 2020"
        r"(?<!\d )(?<!\d(?:st|nd|rd|th) )(?<!\bin )(?<!\bon )(?<!\bof )(?<!since )(?<!early )(?<!late )(?<!mid-)"
        r"march(?:ed|es)?(?! \d)(?!,? \d{4})|human chains?|die-ins?|walk-?outs?|"
        r"sit-?ins?|picket(?:ed|s)?|vigils?|hunger strike|went on strike|on strike|"
        r"strik(?:e|ing) workers|took to the streets|"
        # people gathered somewhere to demand something: a demonstration, however far the verbs stand apart
        r"(?:gathered|assembled|converged) (?:[\w,.'-]+ ){0,14}?to (?:demand|denounce|condemn|protest|reject|oppose)|"
        r"blockades?|blocked (?:\w+ ){0,6}?(?:roads?|highways?|streets?|routes?|traffic|access|entrance)|"
        r"chant(?:ed|ing)|motorcade|"
        r"placards?|banners?)\b"),
    # weaker signs of a demonstration, used only when nothing else fires
    "protest_weak": _c(r"\b(?:demand(?:ed|ing) (?:the |that |their |an? )|(?:gathered|assembled|converged) (?:\w+ ){0,6}?"
                       r"(?:to|and) (?:demand|protest|denounce|condemn|reject|oppose|call|express|voice|press)|"
                       r"(?:gathered|assembled|converged) (?:outside|in front of|at the gates? of)|"
                       r"came out (?:on|into) the (?:roads|streets)|"
                       r"voic(?:ed|ing) (?:their )?(?:rejection|opposition|anger|concern)|boycott(?:ed)?)\b"),
    "intervention": _c(
        r"\b(?:dispers(?:e|ed|ing)|tear ?gas|water cannons?|rubber bullets?|baton(?:s|-charged)?|"
        r"lathi-?charg(?:e|ed)|police (?:intervened|broke up)|broke up|arrest(?:ed|s)?|detain(?:ed|s)?|"
        r"pepper spray|stun grenades?|beaten by police|cracked down|forcibly removed|evicted|suppress(?:ed|ing)?|"
        r"drag(?:ged|ging)? (?:them|protesters|demonstrators)|baton[- ]charg\w+|dispersal)\b"),
    # a crowd broken up: the gathering itself was a demonstration ("police dispersed 180 laborers")
    "dispersal": _c(r"\b(?:dispers(?:e|ed|ing)|broke up|baton-charged|lathi-?charged) (?:\w+ ){0,4}?(?:crowds?|protesters|"
                    r"demonstrators|gatherings?|rall(?:y|ies)|workers|labou?rers|students|residents|villagers|people|"
                    r"supporters|traders|farmers|youths?|women|migrants)\b"),
    "excessive": _c(r"\b(?:(?:killed|shot|shot dead|opened fire on|fired (?:live )?(?:rounds|bullets) (?:at|on)) (?:\w+ ){0,3}?"
                    r"(?:protesters|demonstrators|marchers)|live (?:ammunition|rounds|fire)|opened fire on (?:the )?(?:protesters|demonstrators|crowd)|"
                    r"(?:protesters?|demonstrators?) (?:were |was )?(?:killed|shot dead)|excessive force|"
                    r"violently (?:suppress|dispers|broke|break|crack)\w*|"
                    r"brutal(?:ly)? (?:\w+ ){0,2}?(?:attack|beat|assault|suppress|crack)\w*)\b"),
    "riot": _c(
        r"\b(?:riot(?:s|ed|ing|ers)|pelt(?:ed|ing)|(?:thr(?:ew|owing)|hurl(?:ed|ing)) (?:stones|rocks|bricks|bottles|objects|debris|firecrackers|petrol bombs|molotov)|"
        r"stone[- ]pelting|molotov|torch(?:ed|ing)|set (?:\w+ ){0,3}?(?:on )?fire|set ablaze|"
        r"burn(?:ed|t|ing) (?:tyres|tires|objects|barricades|debris|garbage|rubbish|trash|effigies)|burning (?:tyres|tires|"
        r"objects|barricades|debris|garbage|rubbish)|vandali[sz](?:e|ed|ing)|ransack(?:ed)?|set (?:\w+ ){0,3}?alight|"
        r"burn(?:ed|t) (?:\w+ ){0,2}?(?:vehicles?|cars?|buses|bus|trucks?|motorcycles?)|smash(?:ed|ing) (?:\w+ ){0,2}?"
        r"windows|damag(?:ed|ing) (?:\w+ ){0,3}?(?:vehicles|cars|shops|property|buildings|offices)|"
        r"clash(?:ed|es|ing)? with (?:the )?(?:riot )?(?:police|security forces|officers)|"
        r"violent(?:ly)?(?! (?:suppress|dispers|broke|break|crack))|"

        r"clash(?:es|ed)? (?:[\w-]+ ){0,12}?(?:protesters|demonstrators|rioters)|"
        r"(?:protesters|demonstrators|demonstrations?|protests?|rall(?:y|ies)) (?:\w+ ){0,3}?clash\w*|"
        # the crowd's own force: a fight, a storming, burning or wrecking
        r"physical (?:confrontation|altercation|clash|fight)|scuffl(?:e|es|ed)|tried to (?:storm|retaliate|force)|"
        r"(?:protesters|demonstrators|crowds?) (?:\w+ ){0,3}?(?:attacked|beat|assaulted|stoned|stormed|broke into)|"
        r"broke into|forced (?:their way )?into|"
        r"started to storm|(?:were|was) (?:burnt|burned|torched|set on fire|vandali[sz]ed|smashed)|"
        r"property (?:was |were )?(?:destroyed|damaged))\b"),
    "mob": _c(r"\b(?:mobs?|lynch(?:ed|ing)?|(?:villagers|residents|crowds?|locals) (?:\w+ ){0,3}?(?:attacked|beat|lynched|"
              r"hacked|killed|burned|stoned)|vigilantes?|angry (?:crowd|villagers|residents)|"
              r"group of (?:people|villagers|residents|men)|communal|villagers (?:attacked|beat)|"
              r"supporters of .{1,40} (?:attacked|clashed|beat))\b"),
    # signs that an arrest came with violence (then the violence decides the type)
    "violence_done": _c(r"\b(?:kill(?:ed|ing)|injur(?:ed|ing)|wound(?:ed|ing)|clash(?:ed|es)|exchange(?:d)? (?:of )?fire|"
                        r"beat(?:en|ing)?|assault(?:ed|ing)?|tortur(?:ed|ing)|"
                        r"shot|shoot-?out|gunfight|died|dead)\b"),
    "suspects": _c(r"\b(?:suspects?|suspected of|in connection with|involvement in|accused of|charged with)\b"),
    # --- strategic developments -------------------------------------------------------
    "arrest": _c(r"\b(?:arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|apprehend(?:ed|s)?|took into custody|"
                 r"taken into custody|rounded up|nabbed)\b"),
    "agreement": _c(r"\b(?:agree(?:d|s)?|agreements?|signed|accords?|truce|peace deal|ceasefire deal|peace talks|"
                    r"surrender(?:ed|s)? to|laid down (?:their )?arms|"
                    r"prisoner (?:exchange|swap)|exchanged prisoners|deal|(?:have |has )?surrendered)\b"),
    "disrupted": _c(r"\b(?:defus(?:e|ed|ing)|diffus(?:ed|ing)|weapons? caches?|arms depots? (?:was |were )?(?:found|discovered)|"
                    r"(?:stash|cache|haul)(?:e?s)? of (?:[\w-]+,? ){0,4}?(?:projectiles|weapons|arms|ammunition|explosives|"
                    r"rifles|firearms|guns|grenades|mines|shells|rockets)|"
                    r"(?:seiz(?:ed|ing)|recover(?:ed|ing)|confiscat(?:ed|ing)|discover(?:ed|ing)|found|unearthed) "
                    r"(?:[\w.,-]+ ){0,8}?(?:landmines?|mines|ieds?|explosives?|grenades|rifles|firearms|weapons|arms|"
                    r"ammunition|munitions|rockets|missiles|detonators|tnt|bomb-making|guns|pistols|bullets|cartridges)\b|"
                    r"(?:destroy(?:ed|ing)?|defus(?:ed|ing)|neutrali[sz](?:ed|ing)|dismantl(?:ed|ing)|detonated safely) "
                    r"(?:(?!with\b|by\b|using\b)[\w-]+,? ){0,5}?(?:caches|ieds?|improvised explosive devices?|"
                    r"explosive devices?|(?:land)?mines|explosives|bombs|weapons|ammunition|grenades)\b(?! depots?)|"
                    r"recover(?:ed|y of) (?:\w+ ){0,3}?(?:arms|weapons|ammunition|explosives|rifles|grenades)|"
                    r"intercept(?:ed|s|ion of)? (?:\w+ ){0,3}(?:missiles?|rockets?|drones?|projectiles?|shipments?|weapons)|"
                    r"(?:missiles?|rockets?|drones?|projectiles?) (?:\w+ ){0,3}(?:were |was )?intercepted|shot down|"
                    r"neutrali[sz]ed (?:a |an |the )?(?:ied|bomb|drone|mine)|bomb disposal|foiled|"
                    r"seiz(?:ed|ure of) (?:a |an )?(?:weapons|arms|ammunition|cache|explosives)|"
                    r"arms cache|weapons cache|cleared (?:of )?mines|demin(?:ing|ed)|"
                    r"(?:explosive devices?|ieds?|bombs?|explosives|weapons|firearms|rifles|guns|pistols|grenades|"
                    r"(?:land)?mines|ammunition|rounds|detonators|suspicious packages?) (?:[\w-]+ ){0,4}?(?:were|was|"
                    r"have been|has been|had been|being) (?:\w+ )?(?:seized|found|discovered|recovered|confiscated|"
                    r"defused|intercepted|unearthed)|intercepted (?:[\w-]+ ){0,6}?(?:guns|firearms|rifles|weapons|"
                    r"ammunition|explosives|grenades)|"
                    r"controlled (?:explosion|detonation)|exploded prematurely|premature(?:ly)? detonat|"
                    r"(?:did not|didn't|failed to) (?:explode|detonate|go off))\b"),
    # people fleeing or evacuated because of violence, mass graves found: ACLED's "Other"
    "displaced": _c(r"\b(?:fled|flee(?:ing|s)?|displaced|displacement|evacuated|evacuation)\b(?:[\w ,'-]){0,120}?"
                    r"\b(?:because of|following|after|due to|fearing|amid|in the wake of|from)\b|\bmass graves?\b"),
    "hq": _c(r"\b(?:establish(?:ed|es)? (?:a |an |its |their )?(?:new )?(?:base|headquarters|outpost|camp)|"
             r"(?:turn|transform|convert)(?:ed|ing)? (?:\w+ ){0,5}?into (?:a |an )?(?:military )?(?:bases?|barracks|"
             r"headquarters|outposts?|positions?)|"
             r"set up (?:a |an |its |their )?(?:new )?(?:base|headquarters|outpost|camp))\b"),
    # ACLED's Looting/property destruction also covers forces seizing contraband or goods,
    # dismantling drug labs, and arson
    "looting": _c(r"\b(?:loot(?:s|ed|ing)?|arson attacks? (?:on|against|targeting)|(?:carried out|committed) (?:an )?arson|"
                  r"(?:seiz(?:ed|ing)|confiscat(?:ed|ing)|impound(?:ed|ing)) (?:[\w.,-]+ ){0,8}?(?:drugs|marijuana|cannabis|"
                  r"cocaine|heroin|narcotics|cigarettes|contraband|goods|fuel|timber|livestock|cattle|vehicles?|trucks?|"
                  r"properties|property|assets|mall|buildings?)|"
                  r"dismantl(?:ed|ing) (?:[\w-]+ ){0,3}?(?:labs?|laborator(?:y|ies)|plantations?|refiner(?:y|ies))|"
                  r"plunder(?:ed)?|pillag(?:e|ed)|ransack(?:ed)?|burn(?:ed|t) down|"
                  r"burn(?:ed|t) (?:\w+ ){0,3}?(?:houses|homes|huts|shops|property|crops|granar(?:y|ies)|vehicles?)|"
                  r"set fire to|torched|destroy(?:ed)? (?:\w+ ){0,3}?(?:houses|homes|property|properties|crops|shops|"
                  r"shelters|huts|farms|fields|granar(?:y|ies)|vehicles?)|demolish(?:ed)?|razed|bulldoz(?:ed|ing)|"
                  r"vandali[sz]ed|stole|stolen|robbed|seized (?:\w+ ){0,3}?(?:vehicles?|cars?|trucks?|motorcycles?|"
                  r"phones|property|goods|cattle|livestock|money))\b"),
    "transfer": _c(r"\b(?:withdr(?:ew|awn|aw)(?: from)?|handed over|hand over|handed (?:\w+ ){0,2}?control|"
                   r"pulled out(?: of)?|retreated from|vacated|evacuat(?:ed|ion) (?:deal|agreement)|"
                   r"without (?:a )?(?:fight|resistance))\b"),
    # ground changing hands: entering, taking control, leaving
    "control_change": _c(r"\b(?:entered|advanced (?:on|into)|moved into|took (?:over|control)|tak(?:en|ing) (?:over|"
                         r"control)|handed|withdr(?:ew|awn|aw)|pulled out|control(?:led)?|vacated|left)\b"),
    # the ground changed hands without a fight
    "unopposed": _c(r"\b(?:without (?:a |any )?(?:fight|fighting|resistance|firing|a shot|clashes|bloodshed)|unopposed|"
                    r"peacefully|handed (?:\w+ ){0,2}?control|after (?:\w+ ){0,4}?(?:withdrew|pulled out|retreated|"
                    r"left|vacated))\b"),
    "change": _c(r"\b(?:join(?:ed|s)? (?:forces|ranks)|(?:joint |(?:conducted|carried out) (?:a |an )?(?:\w+ )?)patrols?|"
                 r"patrols? (?:took place|was held|was conducted)|"
                 r"convoys? (?:\w+ ){0,3}?(?:entered|arrived|crossed|headed|moved)|unite (?:their|its) forces|merg(?:e|ed|er)|alliance|"
                 r"allied force|defect(?:ed|ion|s)|recruit(?:ed|ing|ment)|deploy(?:ed|ment|s)?|"
                 r"reinforcements?|military (?:drills?|exercises?)|troop movements?|"
                 r"announced the (?:formation|creation)|formed (?:a |an )|dissolv(?:ed|e)|"
                 r"curfew|mobili[sz](?:ed|ation|ing)|reinforc(?:e|es|ed|ing)|"
                 r"(?:forces|troops|soldiers|units|reinforcements) (?:were|was|have been|had been) (?:dispatched|sent)|"
                 r"dispatch(?:ed|ing)? (?:[\w-]+ ){0,3}?(?:forces|troops|soldiers|units|reinforcements)|"
                 r"(?:were|was|been|be|newly) (?:formed|created)|training camp|in talks|talks between|negotiat(?:e|ed|ing|ions))\b"),
    # --- non-events and framing -------------------------------------------------------
    # background anywhere in the sentence: habits, durations, totals
    "background": _c(r"\b(?:have been at loggerheads|(?:has|have) (?:been|seen|suffered|witnessed|experienced|endured) "
                     r"(?:[\w'-]+ ){0,10}?since|in total|so far this year|to date|years ago|"
                     r"for (?:decades|years|months|generations)|"
                     r"(?:often|regularly|routinely|usually|frequently|typically|repeatedly) (?:\w+ )?(?:carr(?:y|ies) out|"
                     r"plants?|attacks?|targets?|strikes?|launch(?:es)?|uses?|fights?|clash(?:es)?|shells?))\b"),
    # background that frames what follows it ("Since February 2014, ... clashes"); an event named
    # before it ("exchanged prisoners near the scene of fighting in recent months") stands
    "background_lead": _c(r"\b(?:since (?:the (?:beginning|start)|(?:early |late |mid-?)?(?:january|february|march|april|"
                          r"may|june|july|august|september|october|november|december|\d{4}|last year|then))|"
                          r"over the (?:past|last) (?:years|decade|months)|in recent (?:years|months|weeks)|"
                          r"anniversary of|"
                          # a running total: "Until 29 April, 753 prisoners were released"
                          r"(?:^|(?<=[.;] ))until (?:\d{1,2} )?(?:january|february|march|april|may|june|july|august|"
                          r"september|october|november|december)\b)"),
    # disasters, accidents and illness: deaths that are not political violence
    "disaster": _c(r"\b(?:earthquakes?|floods?|flooding|flash floods|landslides?|mudslides?|cyclones?|hurricanes?|typhoons?|"
                   r"storms?|droughts?|wildfires?|bushfires?|tsunamis?|volcan\w+|epidemics?|outbreaks?|cholera|covid|"
                   r"poisoning|toxins|drown(?:ed|ing)|accidents?|crash(?:ed|es)?|collaps(?:e|ed)|stampede|derail\w*|capsiz\w+|"
                   r"gas leak|disaster agency|heatwave|leak(?:s|ed|age)?|boilers?|collisions?|lost control|blaze|"
                   r"gas cylinders?|short[- ]circuit|(?:plant|factory|refinery|tanker|pipeline|warehouse|"
                   r"reactor|chemical|fireworks) (?:\w+ ){0,3}?(?:explo\w+|blasts?|fires?)|ammonium nitrate|"
                   r"pest control|pesticides?|icy roads?|snow(?:fall|storms?)?|blizzards?)\b"),
    # words of deliberate violence: a fire or blast someone set is no accident
    "deliberate": _c(r"\b(?:attack\w*|target(?:ed|ing)|carried out|claimed|arson|set (?:\w+ ){0,3}?(?:on )?fire|"
                     r"set (?:\w+ ){0,3}?alight|burn(?:ed|t) (?:\w+ ){0,2}?(?:vehicles?|cars?|buses|bus|trucks?|houses?|shops?)|"
                     r"torch(?:ed|ing)|vandali[sz]\w*)\b"),
    # statements about responsibility for an attack reported elsewhere
    "attribution": _c(r"\b(?:(?:claimed|denied|denies|claims|admitted|accepted|disclaimed) (?:\w+ ){0,3}?responsibility|"
                      r"(?:was|were|is|are|been|being|not) (?:\w+ ){0,2}?responsible for|"
                      r"(?:take|takes|took|taking|claim(?:s|ed)?) credit for|"
                      r"(?:suspected|believed|thought|said) to (?:be|have been) behind|"
                      r"accus(?:e|ed|es|ing) (?:[\w-]+ ){0,6}?of (?:being )?(?:behind|responsible|carrying out)|"
                      r"blam(?:e|ed|es|ing) (?:[\w-]+ ){0,5}?for (?:the |an? )?(?:[\w-]+ ){0,2}?"
                      r"(?:attacks?|bombings?|killings?|explosions?|blasts?))\b"),
    # another event referred to: what follows names it, not what happened here ("in retaliation
    # for a rocket fired from Gaza", "sanctions over the chemical attack", "the scene of a bombing")
    "reference": _c(r"\b(?:in (?:retaliation|response|reaction) (?:for|to)|accused (?:[\w-]+ ){0,4}?of|"
                    r"sanctions? (?:[\w-]+ ){0,6}?(?:over|for|on|against)|(?:expel\w*|expulsion of) (?:[\w-]+ ){0,4}?"
                    r"(?:over|after|for)|scene of|site of|to mourn|to commemorate|to honou?r|in memory of|previously|"
                    r"had (?:\w+ )?involved|"
                    r"condemn(?:ed|s|ing)?|responsible for)\b"),
    "hypothetical": _c(r"\b(?:could|would|might|plan(?:s|ned)? to|threaten(?:ed|s)? to|hope to|potential|imminent|"
                       r"waiting for|prepar(?:e|es|ed|ing) to|poised to|ready to|about to|expected to|to kick off|"
                       r"intend(?:s|ed)? to|set to|vowed to|in case of)\b"),
    "non_event": _c(r"\b(?:returned (?:safely )?to (?:\w+ )*(?:base|airbase|airfield)|completed (?:their|its) "
                    r"(?:combat )?(?:assignment|mission)|no (?:casualties|injuries) were reported and no)\b"),
    "aggregate": _c(r"\b(?:\d+|dozens of|hundreds of) (?:\w+ ){0,2}(?:targets|sorties|strikes|air ?strikes|raids)\b|"
                    r"\b(?:in|across) (?:two|three|four|five|six|seven|eight|nine|ten|\d+) (?:\w+ )?(?:provinces|"
                    r"regions|governorates|districts|states)\b|\bin the provinces of\b"),
}


def find(cue: str, text: str) -> re.Match[str] | None:
    """The first match of ``cue`` in ``text`` (None when absent)."""
    return CUES[cue].search(text)
