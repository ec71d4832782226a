from . import sibling
from ..pkg.mod import (a as b,
                       c,)
import os.path as p, sys
@decorator(arg=1)
@other
async def handler(request, /, *, timeout: float = 3.0, **kw) -> None:
    async with session.get(url) as r, lock:
        data = await r.text()
    async for chunk in stream:
        yield chunk
class Config(Base, metaclass=Meta):
    """Docstring."""
    value: int = 0
    def __init__(self, *args, **kwargs): super().__init__(*args, **kwargs)
with (open("a") as f, open("b") as g):
    pass
while (n := next(it, None)) is not None:
    total += n
else:
    done = True
for i, (k, v) in enumerate(d.items()):
    continue
type Vector = list[float]
del a[0], b.c
global counter
assert x, "message"
x = y = z = 0
x += 1; y **= 2
