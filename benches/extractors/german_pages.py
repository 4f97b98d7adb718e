#!/usr/bin/env python3
"""Line-level score of `sift extract` on tests/fixtures/clean/german, as
tests/clean_pages.rs scores the library (expected, neutral, noise lines).
With `noclass`, every class and id attribute is taken out first: the
page as a site with hashed or unhelpful class names would serve it.

    python3 benches/extractors/german_pages.py target/quick/sift [noclass]
"""
import json, os, re, subprocess, sys
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tests/fixtures/clean/german")
sift = sys.argv[1]; noclass = len(sys.argv) > 2
def norm(l): return " ".join(l.replace("\xa0", " ").split())
def lines(p):
    try: return [norm(l) for l in open(p, encoding="utf-8") if norm(l)]
    except FileNotFoundError: return []
tot = dict(exp=0, found=0, out=0, correct=0, leaked=0)
for name in sorted(os.listdir(D)):
    if name.count(".") != 1 or not name.endswith((".html", ".txt")): continue
    stem, ext = name.split(".")
    path = os.path.join(D, name)
    args = [sift, "extract", "--json"]
    src = open(path, encoding="utf-8").read()
    if ext == "html":
        m = re.search(r'rel="canonical" href="([^"]+)"', src)
        if m: args += ["--url", m.group(1)]
        if noclass:
            src = re.sub(r' (class|id)="[^"]*"', "", src)
    out = json.loads(subprocess.run(args + ["-"], input=src.encode(), capture_output=True).stdout)
    output = [norm(b) for b in out["text"].split("\n\n") if norm(b)]
    output = [o[len("[image: "):-1] if o.startswith("[image: ") else o for o in output]
    exp = lines(f"{D}/{stem}.expected.txt"); neu = set(lines(f"{D}/{stem}.neutral.txt"))
    noise = [tuple(l.split(" ", 1)) for l in lines(f"{D}/{stem}.noise.txt")]
    outs = set(output); exps = set(exp)
    missing = [e for e in exp if e not in outs]
    judged = [o for o in output if o not in neu]
    wrong = [o for o in judged if o not in exps]
    leaked = [f"{k}: {t}" for k, t in noise if any(o == t or (k != "duplicate" and (k == "credit" or len(t.split()) >= 4) and t in o) for o in output)]
    print(f"{stem}: kept {len(exp)-len(missing)}/{len(exp)} wrong {len(wrong)} leaked {len(leaked)}")
    for m in missing: print("   MISSING", m[:100])
    for w in wrong: print("   WRONG", w[:100])
    for l in leaked: print("   LEAKED", l[:100])
    tot["exp"] += len(exp); tot["found"] += len(exp) - len(missing); tot["out"] += len(judged); tot["correct"] += len(judged) - len(wrong); tot["leaked"] += len(leaked)
p = tot["correct"] / max(tot["out"], 1); r = tot["found"] / max(tot["exp"], 1)
print(f"ALL precision {p:.3f} recall {r:.3f} leaked {tot['leaked']} wrong {tot['out']-tot['correct']}")
