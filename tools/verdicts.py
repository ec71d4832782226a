#!/usr/bin/env python3
"""Compares two `chainhunt scan -f jsonl` reports of the same targets, matched by the last part
of the target's path (the folder number tools/mutate.py gives): how many are malicious in each,
and which targets drop to a lower verdict or lose a rule in the second. Usage:

    tools/verdicts.py BASE.jsonl OTHER.jsonl
"""
import collections
import json
import sys

ORDER = {"clean": 0, "suspicious": 1, "malicious": 2}


def load(path):
    out = {}
    for line in open(path):
        r = json.loads(line)
        out[r["target"].rstrip("/").split("/")[-1]] = (r["verdict"], {f["ruleId"] for f in r["findings"]})
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    base, other = load(sys.argv[1]), load(sys.argv[2])
    print("malicious: %d of %d, then %d of %d" % (sum(v == "malicious" for v, _ in base.values()), len(base),
                                                 sum(v == "malicious" for v, _ in other.values()), len(other)))
    drops = [k for k in base if k in other and ORDER[other[k][0]] < ORDER[base[k][0]]]
    print("lower verdict:", len(drops), " ".join(sorted(drops)))
    lost = collections.Counter(rule for k in base if k in other for rule in base[k][1] - other[k][1])
    for rule, n in lost.most_common():
        print("  %4d lose %s" % (n, rule))


if __name__ == "__main__":
    main()
