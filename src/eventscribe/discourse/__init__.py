"""The document model: which frames are current, which tell one occurrence, who claims each.

``temporal``  current / background / future / habitual / unasserted, per frame
``claims``    the claimant of each frame (its own attribution, a quote's speaker, a briefing's source)
``coref``     frames grouped into occurrences (elaborations fold; a new place, day or means is new)
``context``   what the article says about itself (topic country, province, lead date and town)
"""
