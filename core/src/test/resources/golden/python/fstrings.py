name = "world"
a = f"hello {name}!"
b = f'{x!r:>{width}.{precision}}'
c = f"{'nested'} {"same quotes"} {f'{inner}'}"
d = f"{{literal braces}} {value=} {obj.attr['k']:%Y-%m-%d}"
e = rf"\d{count}\\"
g = f"""multi
{line
 + 1}"""
h = f"{x:{'>' if left else '<'}10}"
