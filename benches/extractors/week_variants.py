#!/usr/bin/env python3
"""The Week-shaped text pages, perturbed: the sample's article with sign-up
boxes, podcast plugs, paywall stubs and lists of other stories laid out
the ways other pages lay them out (glued, a kicker line, a kicker alone,
kicker first, no kicker, separators or none, headed or not, in the middle
or at the end, puzzles among them). Each line is labelled body, promo or
related; `sift extract --json` (with and without `--url
https://theweek.com/x`) is scored as body kept, promo and related
removed, and the most frequent misses listed.

    python3 benches/extractors/week_variants.py target/quick/sift [pages]
"""
import json, random, subprocess, sys, itertools, os

BIN = sys.argv[1]
URLS = [None, "https://theweek.com/x"]

HEAD = [("B", "Will UK-Russia relations improve under Theresa May?"),
        ("B", "Prime Minister signals she will adopt a different approach to David Cameron after speaking to Vladimir Putin")]
PARAS = [
 "Theresa May has signalled a thaw in UK-Russia relations under her leadership, following her first telephone conversation with President Vladimir Putin since she became Prime Minister.",
 "Diplomatic ties between the two countries have been strained since the annexation of Crimea in 2014 and subsequent UK-led sanctions.",
 "Tensions were further inflamed after the Alexander Litvinenko inquiry in January, when it was ruled that the murder of the former Russian spy in London was likely to have been approved by the Russian leader.",
 "\"The report left Putin with radioactive fingermarks glowing all over his collar and May [then home secretary] with the giant headache of trying to sound tough with the Russian president, when everyone knows the British government is terrified of upsetting him,\" The Guardian's John Crace wrote at the time.",
 "Speaking yesterday, May and Putin expressed their mutual dissatisfaction at the current state of bilateral relations and vowed to improve ties in order to cooperate on the global fight against terrorism.",
 "\"[They] agreed that British and Russian citizens faced common threats, and that cooperation on aviation security in particular was a vital part of the counter-terrorism effort,\" a Downing Street spokeswoman said.",
 "The pair \"looked forward\" to meeting each other at the G20 summit in China next month, she added.",
 "The Kremlin issued a similar statement, promising to \"invigorate joint work\" in a number of areas. It also confirmed that the UK had agreed to take part in the 75th anniversary of the first arrival of wartime aid by British convoys to the Russian city of Arkhangelsk later this month.",
 "The Guardian says the discussion shows May is \"keen to demonstrate that the UK remains outward looking\" and will continue to play a vital role in global democracy, despite voting to leave the EU.",
 "Her position appears to be in stark contrast to that of her predecessor David Cameron, says Sky News's Sophy Ridge. \"Cameron's relationship with Putin was prickly at best, poisonous at worst,\" she says.",
 "\"How to deal with Russia is one of the most pressing and difficult foreign policy concerns for May.\"",
]
SUBHEADS = ["What did the commentators say?", "What happens next?", "What is the background?", "Why does it matter?", "The Kremlin's view", "A new approach"]

BOXES = [
 [("P","The Week"),("P","Escape your echo chamber. Get the facts behind the news, plus analysis from multiple perspectives."),("P","Sign up for The Week's Free Newsletters"),("P","From our morning news briefing to a weekly Good News Newsletter, get the best of The Week delivered directly to your inbox."),("P","From our morning news briefing to a weekly Good News Newsletter, get the best of The Week delivered directly to your inbox.")],
 [("P","SUBSCRIBE & SAVE"),("P","Get the best of The Week delivered directly to your inbox"),("P","Sign up for The Week's Free Newsletters")],
 [("P","Subscribe to The Week"),("P","Escape your echo chamber. Get the facts behind the news, plus analysis from multiple perspectives."),("P","SUBSCRIBE & SAVE")],
 [("P","Sign up for Today's Best Articles in your inbox"),("P","A free daily email with the biggest news stories of the day – and the best features from TheWeek.com"),("P","Contact me with news and offers from other Future brands"),("P","Receive email from us on behalf of our trusted partners or sponsors"),("P","By submitting your information you agree to the Terms & Conditions and Privacy Policy and are aged 16 or over.")],
 [("P","The Week US"),("P","Try 6 Free Issues"),("P","Escape your echo chamber. Get the facts behind the news, plus analysis from multiple perspectives.")],
 [("P","A free daily email with the biggest news stories of the day – and the best features from TheWeek.com")],
 [("P","Listen to The Week Unwrapped, our weekly podcast, wherever you get your podcasts")],
 [("P","The Week Unwrapped"),("P","Subscribe to The Week Unwrapped on Apple Podcasts, Spotify or wherever you listen")],
 [("P","Sign up for The Week's free morning briefing"),("P","Your daily digest of the news that matters, in your inbox at 7am.")],
 [("P","Newsletter sign-up"),("P","Get our daily briefing delivered to your inbox each morning")],
]

PAYWALL = [
 [("P","To continue reading this article..."),("P","Continue reading this article and get limited website access each month."),("P","Register for free"),("P","Already have an account? Sign in"),("P","Or get full digital access"),("P","Subscribe to The Week"),("P","Why subscribe to The Week?"),("P","The Week delivers the facts and opinions you need, from every side, in a single weekly magazine and on the web."),("P","Contact us")],
 [("P","To continue reading this article..."),("P","Subscribe to The Week for just £1 a week"),("P","Cancel or pause at any time"),("P","Unlimited access to theweek.com"),("P","Our free daily newsletters"),("P","Already a subscriber? Log in"),("P","Contact us")],
 [("P","To continue reading this article…"),("P","Create a free account to keep reading"),("P","Sign in"),("P","Need help? Contact us")],
]

KICKERS = ["Speed Read", "In the Spotlight", "IN THE SPOTLIGHT", "Today's Big Question", "The Explainer", "Under The Radar", "Talking Point", "Instant Opinion", "The Week Recommends", "In Depth", "Feature", "Opinion", "The Week's Guide", "Briefing", "Obituary", "Review", "Why Everyone's Talking About", "The Week's daily crossword"]
CARDS = [
 ("Mall World: why are people dreaming about a shopping centre?", "Thousands of strangers are dreaming about the same thing and no one sure why"),
 ("Why scientists are attempting nuclear fusion", "Harnessing the reaction that powers the stars could offer a potentially unlimited source of carbon-free energy, and the race is hotting up"),
 ("Ukraine: Donald Trump pivots again", "US president apparently warned Volodymyr Zelenskyy to accept Vladimir Putin’s terms or face destruction during fractious face-to-face"),
 ("Proposed Trump-Putin talks in Budapest on hold", "Trump apparently has no concrete plans to meet with Putin for Ukraine peace talks"),
 ("Sanae Takaichi: Japan’s Iron Lady set to be the country’s first woman prime minister", "Takaichi is a member of Japan’s conservative, nationalist Liberal Democratic Party"),
 ("Can Gaza momentum help end the war in Ukraine?", "Zelenskyy’s request for long-range Tomahawk missiles hints at ‘warming relations’ between Ukraine and US"),
 ("Russia is ‘helping China’ prepare for an invasion of Taiwan", "Russia is reportedly allowing China access to military training"),
 ("Interpol arrests hundreds in Africa-wide sextortion crackdown", "A series of stings disrupts major cybercrime operations as law enforcement estimates millions in losses"),
 ("Russia slams Kyiv, hits government building", "This was Moscow's largest aerial assault since launching its full-scale invasion in 2022"),
 ("'Axis of upheaval': will China summit cement new world order?", "Xi calls on anti-US alliance to cooperate in new China-led global system – but fault lines remain"),
 ("The best books of the year so far", "From a Booker winner to a debut thriller, the titles critics loved"),
 ("Labour's first 100 days: the verdict", "Starmer promised change but voters are still waiting, say critics."),
]
PUZZLES = [("Crossword: October 27, 2025", "The Week's daily crossword"), ("Sudoku medium: October 27, 2025", "The Week's daily medium sudoku puzzle"), ("The Week's news quiz: 24 - 30 October 2025", "Have you been paying attention to the news this week?")]
HEADINGS = ["More from The Week", "Latest", "You might also like", "Most popular", "The latest from The Week", "Related", "In the Spotlight", "Trending", "More stories"]

def cards(rng, n, layout, sep, heading, pool):
    out = []
    if heading:
        out.append(("R", heading))
    n = min(n, len(pool))
    picks = [pool.pop(rng.randrange(len(pool))) for _ in range(n)]
    for title, sf in picks:
        puzzle = any(title == p[0] for p in PUZZLES)
        kicker = "" if puzzle else rng.choice(KICKERS)
        if sep:
            out.append(("R", "-"))
        if puzzle:
            if layout == "glued":
                out.append(("R", title + sf))
            else:
                out += [("R", title), ("R", sf)]
            continue
        if layout == "glued":
            out.append(("R", f"{title}{kicker} {sf}"))
        elif layout == "kline":
            out += [("R", title), ("R", f"{kicker} {sf}")]
        elif layout == "kalone":
            out += [("R", title), ("R", kicker), ("R", sf)]
        elif layout == "kfirst":
            out += [("R", kicker), ("R", title), ("R", sf)]
        elif layout == "nokicker":
            out += [("R", title), ("R", sf)]
        elif layout == "titles":
            out += [("R", title)]
    return out

def variant(seed):
    rng = random.Random(seed)
    pool = CARDS + [(a, b) for a, b in PUZZLES]
    lines = list(HEAD)
    paras = PARAS[:]
    body = [("B", p) for p in paras]
    if rng.random() < 0.4:
        k = rng.randrange(3, len(body))
        body.insert(k, ("B", rng.choice(SUBHEADS)))
    if rng.random() < 0.3:
        k = rng.randrange(5, len(body))
        body.insert(k, ("B", rng.choice(SUBHEADS)))
    # promo boxes at random positions
    nbox = rng.choice([0, 1, 1, 2, 2, 3])
    for _ in range(nbox):
        k = rng.randrange(1, len(body))
        body[k:k] = rng.choice(BOXES)
    if rng.random() < 0.3:
        # a related list in the middle
        k = rng.randrange(3, len(body))
        body[k:k] = cards(rng, rng.randint(2, 4), rng.choice(["glued","kline","kalone","nokicker","titles"]), rng.random()<0.5, rng.choice(HEADINGS), pool)
    lines += body
    if rng.random() < 0.2:
        lines += rng.choice(PAYWALL)
    layout = rng.choice(["glued","kline","kalone","kfirst","nokicker","glued"])
    n = rng.randint(1, 11)
    lines += cards(rng, n, layout, rng.random() < 0.5, rng.choice(HEADINGS + [None]*4), pool)
    if rng.random() < 0.3:
        lines += [("P", "A free daily email with the biggest news stories of the day – and the best features from TheWeek.com")]
    return lines

def run(lines, url):
    text = "\n".join(t for _, t in lines) + "\n"
    cmd = [BIN, "extract", "--json", "-"]
    if url: cmd[2:2] = ["--url", url]
    out = subprocess.run(cmd, input=text.encode(), capture_output=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)

def main():
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    tot = {"B": [0,0], "P": [0,0], "R": [0,0]}
    fails = {}
    for seed in range(n):
        lines = variant(seed)
        for url in URLS:
            res = run(lines, url)
            removed = {}
            for r in res["removed"]:
                removed.setdefault(r["text"], []).append(r)
            # A repeat may be removed at either copy: removals go to the
            # noise copies first.
            for lab, t in sorted(lines, key=lambda lt: lt[0] == "B"):
                got = removed.get(t)
                r = got.pop(0) if got else None
                if lab == "B":
                    tot["B"][1] += 1
                    if r is None: tot["B"][0] += 1
                    else: fails.setdefault(("body lost", r["rule"], t), []).append((seed, url))
                else:
                    tot[lab][1] += 1
                    want = "promo" if lab == "P" else "related"
                    if r is not None: tot[lab][0] += 1
                    if r is None: fails.setdefault((lab + " kept", t), []).append((seed, url))
    for k, (a, b) in tot.items():
        print(k, "%d/%d = %.4f" % (a, b, a / b if b else 0))
    for k, v in sorted(fails.items(), key=lambda kv: -len(kv[1]))[:60]:
        print(len(v), k, v[:3])

if __name__ == "__main__":
    main()

def dump(seed, url=None, bin_=None):
    lines = variant(seed)
    res = run(lines, url)
    removed = {}
    for r in res["removed"]:
        removed.setdefault(r["text"], []).append(r)
    for lab, t in lines:
        got = removed.get(t)
        r = got.pop(0) if got else None
        mark = ("-" + r["kind"][:3] + ":" + r["rule"]) if r else "KEEP"
        bad = (lab == "B") != (r is None)
        print("%s %s %-28s %s" % ("!!" if bad else "  ", lab, mark[:28], t[:100]))
