//! German (and some French, Spanish, Italian) furniture as real sites
//! print it around an article, each line set between two paragraphs of a
//! German article written here, and look-alike lines that must stay.
//! The whole pages these lines come from are in
//! `tests/fixtures/clean/german/` (scored by `tests/clean_pages.rs`).

use sift::clean::{Cleaned, NoiseKind, RuleSet, clean_page, clean_text};

const HEADLINE: &str = "Stadtrat beschließt neues Parkkonzept für die Altstadt";

const PARAGRAPHS: &[&str] = &[
    "Nach fast zweistündiger Debatte hat der Stadtrat am Donnerstagabend das neue \
     Parkkonzept für die Altstadt beschlossen. Die Gebühren in der inneren Zone steigen \
     von 1,50 auf 2,50 Euro pro Stunde, Anwohner dürfen dafür in allen Zonen parken.",
    "Die Freien Wähler kritisierten die Erhöhung als zu stark. Gerade ältere Menschen, die \
     zum Arzt oder zur Apotheke in die Altstadt kämen, würden dadurch belastet, sagte ihr \
     Sprecher in der Sitzung am Abend.",
    "Die Verwaltung rechnet mit Mehreinnahmen von rund 400.000 Euro im Jahr. Das Geld soll \
     in den Ausbau der Radwege und in einen Pendlerparkplatz am Bahnhof fließen, wie der \
     Kämmerer im Ausschuss erläuterte.",
];

/// The article with `line` between its first and second paragraphs, as
/// plain text and as a page whose boxes carry no telling class.
fn pages_with(line: &str) -> [Cleaned; 2] {
    let rules = RuleSet::builtin();
    let text = format!(
        "{HEADLINE}\n{}\n{line}\n{}\n{}\n",
        PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]
    );
    let html = format!(
        "<html><head><title>{HEADLINE}</title></head><body><main><div>\
         <h1>{HEADLINE}</h1><p>{}</p><div><p>{line}</p></div><p>{}</p><p>{}</p>\
         </div></main></body></html>",
        PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]
    );
    [
        clean_text(&text, None, &rules),
        clean_page(&html, Some("https://example.test/a"), &rules),
    ]
}

fn assert_goes(line: &str, kind: NoiseKind, rule: &str) {
    for (i, c) in pages_with(line).iter().enumerate() {
        let removed = c.removed.iter().find(|r| r.text == line);
        assert!(
            removed.is_some_and(|r| r.kind == kind && r.rule == rule),
            "{line} ({}): {:#?}",
            ["text", "html"][i],
            c.removed
        );
        for p in PARAGRAPHS {
            assert!(c.text().contains(p), "{line}: lost a paragraph");
        }
    }
}

fn assert_stays(line: &str) {
    for (i, c) in pages_with(line).iter().enumerate() {
        assert!(
            c.blocks.iter().any(|b| b.text == line),
            "{line} ({}): {:#?}",
            ["text", "html"][i],
            c.removed
        );
    }
}

#[test]
fn an_embed_s_consent_placeholder_goes_and_news_about_consent_stays() {
    for line in [
        "Empfohlener externer Inhalt",
        "An dieser Stelle finden Sie einen externen Inhalt von X.com, der den Artikel ergänzt. \
         Sie können ihn sich mit einem Klick anzeigen lassen und wieder ausblenden.",
        "Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden. Damit können \
         personenbezogene Daten an Drittplattformen übermittelt werden. Mehr dazu in unserer \
         Datenschutzerklärung.",
        "Mit Ihrer Zustimmung wird hier ein externes YouTube-Video (Google Ireland Limited) geladen.",
    ] {
        assert_goes(line, NoiseKind::Other, "embed-consent");
    }
    for line in ["Externer Inhalt", "YouTube-Video immer laden"] {
        assert_goes(line, NoiseKind::Other, "embed-label");
    }
    assert_stays(
        "Die Datenschützer verlangen, dass Plattformen vor dem Laden externer Inhalte eine \
         Zustimmung einholen, und drohen den Betreibern mit Bußgeldern.",
    );
    assert_stays("Inhalte für Kinder");
}

#[test]
fn a_german_newsletter_pitch_goes_by_speaking_to_the_reader() {
    // "Newsletter" is a weak sign: with "Ihrer", "unser" it is an offer.
    for line in [
        "Unser Kreisbote-Newsletter: Die wichtigsten Nachrichten aus Ihrer Region jeden \
         Morgen kostenlos per E-Mail.",
        "Die wichtigsten Hintergründe der Woche, jeden Freitag in Ihrem Postfach.",
    ] {
        for c in pages_with(line) {
            assert!(
                c.removed
                    .iter()
                    .any(|r| r.text == line && r.kind == NoiseKind::Promo),
                "{line}: {:#?}",
                c.removed
            );
        }
    }
    // A report about a newsletter, with "Sie" opening a sentence ("she").
    assert_stays(
        "Die Verlegerin kündigte an, den Newsletter der Zeitung künftig zweimal in der Woche \
         zu verschicken. Sie rechne mit mehr Lesern in der Region.",
    );
}

#[test]
fn reading_times_tags_and_credits_go_and_look_alikes_stay() {
    let cases: &[(&str, NoiseKind, &str)] = &[
        ("• 5 Min", NoiseKind::Other, "reading-furniture"),
        (
            "Karin Lenz 07.12.2026, 11:05 Uhr Lesezeit: 3 Min.",
            NoiseKind::Other,
            "reading-furniture",
        ),
        ("Embed", NoiseKind::Other, "reading-furniture"),
        (
            "Rubriklistenbild: © Martina Huber",
            NoiseKind::Credit,
            "agency-credit",
        ),
        (
            "dpa-infocom, dpa:261207-99-123456/3",
            NoiseKind::Other,
            "copyright-line",
        ),
        (
            "Gefällt mir Wird geladen …",
            NoiseKind::Share,
            "share-words",
        ),
        (
            "Kommentare lesen (214 Beiträge)",
            NoiseKind::Share,
            "share-words",
        ),
        ("Zur Merkliste hinzufügen", NoiseKind::Share, "share-words"),
        (
            "Lesen Sie mehr zum Thema",
            NoiseKind::Related,
            "related-heading",
        ),
        ("Mehr lesen über", NoiseKind::Related, "related-heading"),
        (
            "Schlagworte: Verkehr, Stadtrat, Altstadt",
            NoiseKind::Nav,
            "tag-line",
        ),
        (
            "Veröffentlicht in Gartenpraxis Verschlagwortet mit Herbst, Hochbeet",
            NoiseKind::Nav,
            "tag-line",
        ),
        ("Fehler gefunden?", NoiseKind::Other, "report-error"),
        (
            "Haben Sie einen Fehler im Artikel gefunden? Hier melden",
            NoiseKind::Other,
            "report-error",
        ),
        (
            "*kreisbote-main.de ist ein Angebot von MAINMEDIA.NETZWERK",
            NoiseKind::Other,
            "network-footer",
        ),
        (
            "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert",
            NoiseKind::Other,
            "comment-form",
        ),
        (
            "Sie müssen sich anmelden, um Kommentare verfassen zu können.",
            NoiseKind::Other,
            "comment-form",
        ),
        ("Bild 1 von 12", NoiseKind::Other, "reading-furniture"),
        ("Weiter", NoiseKind::Nav, "site-furniture"),
        ("Mehr anzeigen", NoiseKind::Nav, "site-furniture"),
        ("Auf einer Seite lesen", NoiseKind::Nav, "site-furniture"),
        ("Seite 2 von 3", NoiseKind::Nav, "site-furniture"),
        ("12 Postings", NoiseKind::Share, "share-words"),
        ("Quelle: ntv.de, dpa", NoiseKind::Credit, "agency-credit"),
    ];
    for (line, kind, rule) in cases {
        assert_goes(line, *kind, rule);
    }
    for line in [
        // Minutes, themes and errors in the news.
        "Die Feuerwehr war nach 5 Min. am Unglücksort, sagte der Kreisbrandmeister.",
        "Themen der Sitzung waren der Haushalt und die Sanierung der Grundschule.",
        "Schwerpunkte: Der Stadtrat will die Gebühren senken. Die Verwaltung widerspricht.",
        "Der Fehler im Bescheid wurde gefunden, nachdem sich Anwohner beschwert hatten.",
        "Die Gemeinde ist Teil des Landkreises Main-Spessart und zählt rund 9.000 Einwohner.",
        "Das Titelbild der Ausstellung zeigt den Marktplatz im Jahr 1890.",
        "Weiter geht es am Montag mit der Sitzung des Bauausschusses im Rathaus.",
        "Seite an Seite standen die Feuerwehrleute am Samstag auf dem Marktplatz.",
        "Quelle: Statistisches Bundesamt",
    ] {
        assert_stays(line);
    }
}

#[test]
fn a_paywall_s_own_long_pitch_stays_in_the_stub() {
    // As long as a paragraph, but it names the offer and speaks to the
    // reader: the stub goes on, and everything after the opener goes.
    let stub = [
        "Jetzt weiterlesen mit Rundschau Plus",
        "Dieser Artikel ist exklusiv für Abonnentinnen und Abonnenten. Testen Sie Rundschau \
         Plus jetzt einen Monat kostenlos und lesen Sie alle Artikel auf unserer Website und \
         in der App.",
        "1 Monat kostenlos, danach 14,99 € monatlich",
        "Die digitale Zeitung als E-Paper",
        "Weniger Werbung",
    ];
    let text = format!(
        "{HEADLINE}\n{}\n{}\n{}\n",
        PARAGRAPHS[0],
        PARAGRAPHS[1],
        stub.join("\n")
    );
    let c = clean_text(&text, None, &RuleSet::builtin());
    let kept: Vec<&str> = c.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        kept,
        [HEADLINE, PARAGRAPHS[0], PARAGRAPHS[1]],
        "{:#?}",
        c.removed
    );
    // A long paragraph after a box in the middle that names a price but
    // does not speak to the reader is the article going on.
    let resumed = "Die Stadt rechnet mit Kosten von 14,99 Millionen Euro für das neue Parkhaus, \
        das bis zum Frühjahr 2028 am Bahnhof entstehen und 600 Stellplätze bieten soll.";
    let text = format!(
        "{HEADLINE}\n{}\n{}\n{resumed}\n{}\n",
        PARAGRAPHS[0], stub[0], PARAGRAPHS[2]
    );
    let c = clean_text(&text, None, &RuleSet::builtin());
    assert!(c.text().contains(resumed), "{:#?}", c.removed);
}
