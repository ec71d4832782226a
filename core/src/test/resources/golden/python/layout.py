if a:
	tab_indented = 1
        if b:
		mixed = 2
x = [
    1,
  2,
        3]
y = 1 + \
    2
z = ("implicit"
     "join")
# comment only

    # indented comment
w = 3  # trailing comment
