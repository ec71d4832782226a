"""Nothing to see here: the interesting part is in setup.py."""

__version__ = "0.1"
