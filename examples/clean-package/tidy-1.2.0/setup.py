from setuptools import setup

setup(
    name="tidy",
    version="1.2.0",
    packages=["tidy"],
    url="https://example.invalid/tidy",
)
