"""govkit's own exceptions: a small hierarchy, each message naming the file."""


class GovkitError(Exception):
    """Base class of every error govkit raises on purpose."""


class ParseError(GovkitError):
    """A report could not be parsed (raised only in strict mode)."""


class NoReportsError(GovkitError, FileNotFoundError):
    """A path given to :func:`govkit.load` holds no report files."""


class ExportError(GovkitError):
    """An export could not be written (the previous files are left as they were)."""
