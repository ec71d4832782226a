# A defanged demo of the 2023 "exec smuggling" campaign: the payload sits 480 blanks to the
# right of an ordinary import, where editors and diffs without wrapping show nothing.
# The payload here only prints a message.
from setuptools import setup, find_packages                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                ;exec(__import__('base64').b64decode('cHJpbnQoJ2NoYWluaHVudCBkZW1vOiB0aGlzIGxpbmUgc3RhbmRzIGZvciBhIHNlY29uZC1zdGFnZSBkb3dubG9hZCBmcm9tIGh0dHBzOi8vZXhhbXBsZS5pbnZhbGlkL3N0YWdlMicp'))

setup(
    name="smuggled-demo",
    version="0.1",
    packages=find_packages(),
    description="chainhunt demo package (harmless)",
)
