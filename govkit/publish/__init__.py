"""Publishing: charts (:mod:`~govkit.publish.charts`), the HTML briefs
(:mod:`~govkit.publish.brief`, run as notebooks by
:mod:`~govkit.publish.notebooks`),
exports (:mod:`~govkit.publish.export`) and notebook display helpers
(:mod:`~govkit.publish.display`).
"""
