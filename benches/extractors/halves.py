#!/usr/bin/env python3
"""Split score_extract.py's --json output into the tuning half (even
indices of the sorted page names) and the held-out half (odd indices).

    python3 benches/extractors/halves.py out.json [before.json]

Per half: mean precision over pages with output, mean recall over all
pages, F1 of the two means (as score_extract.py does for the whole set).
With a second file, prints both and the pages of the tuning half that
moved (the held-out half is reported as totals only).
"""
import json
import sys


def halves(path):
    pages = json.load(open(path))["pages"]
    names = sorted(pages)
    out = {}
    for label, picked in (("tuning", names[0::2]), ("held-out", names[1::2]), ("all", names)):
        ps = [pages[n]["precision"] for n in picked if not pages[n]["empty"]]
        rs = [pages[n]["recall"] for n in picked]
        p = sum(ps) / len(ps) if ps else 0.0
        r = sum(rs) / len(rs) if rs else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        empty = sum(pages[n]["empty"] for n in picked)
        out[label] = (len(picked), p, r, f, empty)
    return out, pages, names


def show(path):
    res, pages, names = halves(path)
    print(path)
    for label, (n, p, r, f, empty) in res.items():
        print("  %-8s (%d) P %.4f R %.4f F1 %.5f empty %d" % (label, n, p, r, f, empty))
    return pages, names


def main():
    after, names = show(sys.argv[1])
    if len(sys.argv) > 2:
        before, _ = show(sys.argv[2])
        print("tuning pages that moved (F1 before -> after):")
        for n in names[0::2]:
            a, b = after[n]["f1"], before[n]["f1"]
            if abs(a - b) > 1e-9:
                print("  %-28s %.4f -> %.4f" % (n, b, a))


if __name__ == "__main__":
    main()
