match command.split():
    case [action]:
        pass
    case ["go", direction] | ["move", direction]:
        go(direction)
    case Point(x=0, y=0) as origin if origin.valid:
        pass
    case {"k": v, **rest}:
        pass
    case [1, *others]:
        pass
    case _:
        pass
match = 1
match(x)
