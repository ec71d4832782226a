import os
def broken(:
    os.system("this body is still parsed")
x = (1, 2
def after_unclosed_bracket():
    return eval(payload)
y = 1 +
    unexpected_indent = True
exec(base64.b64decode(z))
class Incomplete
    pass
s = "unterminated
t = $invalid
final = 'still here'
