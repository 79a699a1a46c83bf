"""What an upload's extraction says when a file cannot be turned into text."""


class ExtractionError(ValueError):
    """The file cannot be turned into text; the message says why, for the editor."""
