"""Reading: one report's bytes to a :class:`~govkit.read.model.ParsedReport`.

The path, in order (:mod:`govkit.read.pipeline` writes it once): decode
(:mod:`~govkit.read.decode`) → a reader per rendering (:mod:`~govkit.read.readers`) →
sections (:mod:`~govkit.read.sections`) → the template tables (:mod:`~govkit.read.tables`,
:mod:`~govkit.read.applications`, over the cells of :mod:`~govkit.read.cells` and the
glued figures of :mod:`~govkit.read.glue`) → checks (:mod:`~govkit.read.checks`), section 五
(:mod:`~govkit.read.problems`), prose fingerprints (:mod:`~govkit.read.passages`) and who
the organ is (:mod:`~govkit.read.meta`, :mod:`~govkit.read.organ_kinds`,
:mod:`~govkit.read.organs`, :mod:`~govkit.read.regions`).  Nothing here imports the corpus:
a parse is a pure function of one file's bytes.
"""
