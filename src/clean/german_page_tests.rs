//! A German news page's furniture as German sites print it (labels,
//! offers, comment prompts, ad markers, paywalls), each between two
//! paragraphs of the article, and German prose that uses the same words
//! and stays. Written from how German news sites are built, not copied.

use super::locale_tests::{GERMAN, assert_removed_by_kind, interleaved};
use super::{Cleaned, NoiseKind, RuleSet, clean_fragment, clean_text};

fn clean(html: &str) -> Cleaned {
    clean_fragment(html, Some("https://example.test/a"), &RuleSet::builtin())
}

/// Lines a German article page carries inside its article container.
const FURNITURE: &[(&str, NoiseKind)] = &[
    // Related-story headings and links.
    ("Passend zum Thema", NoiseKind::Related),
    ("Weitere Artikel zum Thema", NoiseKind::Related),
    ("Mehr Artikel", NoiseKind::Related),
    ("Mehr Nachrichten aus Bayern", NoiseKind::Related),
    ("Neueste Artikel", NoiseKind::Related),
    ("Empfohlene Artikel", NoiseKind::Related),
    ("Ebenfalls interessant", NoiseKind::Related),
    ("Das interessiert andere Leser", NoiseKind::Related),
    ("Ähnliche Beiträge", NoiseKind::Related),
    ("Lesen Sie dazu", NoiseKind::Related),
    ("Weiterlesen", NoiseKind::Other),
    ("Mehr lesen", NoiseKind::Other),
    // Newsletters and offers.
    ("Jetzt anmelden", NoiseKind::Promo),
    ("Jetzt Abo abschließen", NoiseKind::Promo),
    ("Zu den Abo-Angeboten", NoiseKind::Promo),
    ("Jetzt Probeabo sichern", NoiseKind::Promo),
    (
        "Die wichtigsten Nachrichten des Tages direkt in Ihr Postfach",
        NoiseKind::Promo,
    ),
    ("Abmeldung jederzeit möglich.", NoiseKind::Promo),
    (
        "Der Newsletter ist jederzeit abbestellbar.",
        NoiseKind::Promo,
    ),
    ("Unbegrenzter Zugang zu allen Artikeln", NoiseKind::Promo),
    ("Mit Werbung weiterlesen", NoiseKind::Promo),
    // Comments.
    ("Kommentar schreiben", NoiseKind::Share),
    ("Diskutieren Sie mit", NoiseKind::Share),
    ("Leserkommentare", NoiseKind::Share),
    ("Die Kommentarfunktion ist geschlossen.", NoiseKind::Share),
    // Sharing and saving.
    ("Auf Facebook teilen", NoiseKind::Share),
    ("Per WhatsApp teilen", NoiseKind::Share),
    ("Artikel merken", NoiseKind::Share),
    // Ads.
    ("Gesponsert", NoiseKind::Ad),
    ("Artikel wird nach der Anzeige fortgesetzt", NoiseKind::Ad),
    ("Lesen Sie nach der Anzeige weiter", NoiseKind::Ad),
    ("Weiter nach der Anzeige", NoiseKind::Ad),
    // Reading time, consent, site furniture, credits, first printed.
    ("Lesedauer: 4 Minuten", NoiseKind::Other),
    ("3 Min. Lesedauer", NoiseKind::Other),
    (
        "Wir verwenden Cookies, um Ihnen ein besseres Erlebnis zu bieten.",
        NoiseKind::Other,
    ),
    ("Mein Konto", NoiseKind::Nav),
    ("Direkt zum Inhalt", NoiseKind::Nav),
    ("Bildnachweis: Anna Schmidt", NoiseKind::Credit),
    (
        "Dieser Artikel erschien zuerst in der Printausgabe.",
        NoiseKind::Other,
    ),
];

#[test]
fn a_german_page_s_furniture_goes_and_prose_using_its_words_stays() {
    let prose = [
        "Passend zum Thema Energie kündigte die Ministerin an, die Förderung für \
         Wärmepumpen im kommenden Jahr zu verdoppeln und die Anträge zu vereinfachen.",
        "Die Leser können sich jederzeit abmelden, sagte der Verlag, der seinen Newsletter \
         seit Montag in einer neuen Form verschickt und die Kommentare geprüft hat.",
        "Auf Facebook teilen viele Nutzer inzwischen keine Nachrichten mehr, wie eine \
         Umfrage des Instituts unter 2.000 Erwachsenen in Deutschland zeigt.",
        "Die Anzeige gegen den Bürgermeister wurde nach Angaben der Staatsanwaltschaft \
         am Freitag zurückgezogen, die Ermittlungen seien damit eingestellt.",
    ];
    let (html, kept) = interleaved(GERMAN, FURNITURE, &prose);
    let c = clean(&html);
    assert_removed_by_kind(&c, FURNITURE);
    assert_eq!(c.text(), kept, "{:#?}", c.removed);
}

/// The article as German sites cut it for readers without a subscription.
const STUB: &[&str] = &[
    "Um diesen Artikel weiterzulesen, benötigen Sie ein Abonnement.",
    "Jetzt 1 Monat für 1 € testen",
    "Danach 9,99 € pro Monat, jederzeit kündbar",
    "Bereits Abonnent? Hier anmelden",
    "Warum ein Abo?",
    "Unabhängiger Journalismus aus der Region",
    "Kontakt",
];

#[test]
fn a_german_paywall_stub_goes_whole() {
    let text = format!(
        "Minister vertagen Gespräche\n{GERMAN}\n{}\n",
        STUB.join("\n")
    );
    let c = clean_text(&text, None, &RuleSet::builtin());
    let kept: Vec<&str> = c.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        kept,
        ["Minister vertagen Gespräche", GERMAN],
        "{:#?}",
        c.removed
    );
    assert!(
        c.removed.iter().any(|r| r.rule == "paywall-stub"),
        "{:#?}",
        c.removed
    );
}

#[test]
fn other_german_paywall_openers_cut_the_article_too() {
    for opener in [
        "Sie möchten weiterlesen?",
        "Lesen Sie den vollständigen Artikel mit F+",
        "Dieser Artikel ist exklusiv für Abonnenten.",
        "Sie haben Ihr Limit an kostenlosen Artikeln erreicht.",
    ] {
        let text = format!(
            "Minister vertagen Gespräche\n{GERMAN}\n{opener}\n\
             Unabhängiger Journalismus aus der Region\nKontakt\n"
        );
        let c = clean_text(&text, None, &RuleSet::builtin());
        let kept: Vec<&str> = c.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            kept,
            ["Minister vertagen Gespräche", GERMAN],
            "{opener}: {:#?}",
            c.removed
        );
    }
}

#[test]
fn german_comments_box_goes_by_class_and_an_opinion_piece_stays() {
    // "Kommentar" is also what German papers call an opinion piece: the
    // article's own class names it, and the comment section is plural.
    let c = clean(&format!(
        "<article class=\"kommentar\"><p>{GERMAN}</p><p>{GERMAN} Erneut.</p>\
         <section class=\"leserkommentare\"><h2>Leserkommentare</h2>\
         <p>Max M. schrieb am 3. März: Das sehe ich ganz anders, die Regierung hat viel zu \
         lange gewartet und jetzt zahlen wir alle den Preis dafür.</p></section>\
         <div id=\"kommentare\"><p>Anna K.: Endlich sagt es mal jemand deutlich, danke für \
         diesen Beitrag und die klaren Worte zur Lage.</p></div></article>"
    ));
    assert_eq!(
        c.text(),
        format!("{GERMAN}\n\n{GERMAN} Erneut."),
        "{:#?}",
        c.removed
    );
}
