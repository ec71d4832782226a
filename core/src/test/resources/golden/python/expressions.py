r = -x ** -y ** 2
s = not a or b and not c
t = a if b else c if d else e
u = 1 < x <= 10 != y is not None not in z
v = [i * 2 for i in range(10) if i % 2 if i > 3]
w = {k: v for k, v in pairs}
g = (x for x in y)
q = {*a, *b}
m = {**a, 'k': 1}
sl = s[::-1], s[1:2], s[:, 1], s[...]
l = lambda x, *a, k=1, **kw: x + k
call(*args, key=value, **kwargs)
n = 0x_ff + 0o777 + 0b1010 + 1_000_000 + 3.14e-10 + 2j + .5
bs = b'\x68\x74\x74\x70' + b"\101\102"
st = '\N{LATIN SMALL LETTER E}\u0078\U00000065c' "implicit" 'concatenation'
e = ...
