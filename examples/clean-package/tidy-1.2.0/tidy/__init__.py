"""Tidy up whitespace in strings."""

WIDTH = 79                                  # aligned comments are fine


def squeeze(text):
    """Collapse runs of blanks into one space."""
    return " ".join(text.split())
