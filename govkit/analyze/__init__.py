"""Analysis: the corpus's frames to figures researchers ask about — measures and rates
(:mod:`~govkit.analyze.measures`), roll-ups by group (:mod:`~govkit.analyze.rollups`), an
organ year by year (:mod:`~govkit.analyze.yearly`), what was copied
(:mod:`~govkit.analyze.copying`), recurring phrases and keywords
(:mod:`~govkit.analyze.phrases`, :mod:`~govkit.analyze.keywords`,
:mod:`~govkit.analyze.segment`, :mod:`~govkit.analyze.boilerplate`).  Reads frames only.
"""
