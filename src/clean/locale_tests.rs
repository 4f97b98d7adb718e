//! The same furniture in the languages of the pages sift reads most after
//! English: German and French labels go by the rules that take their
//! English twins, and the prose around them stays.

use super::{Cleaned, NoiseKind, RuleSet, clean_fragment};

pub(super) const GERMAN: &str = "Die Minister trafen sich am Dienstag in Wien, und nach sechs Stunden \
    Gesprächen vereinbarten sie, sich im nächsten Monat erneut zu treffen, um die offenen \
    Fragen zu Inspektionen und Sanktionen zu klären.";

const FRENCH: &str = "Les ministres se sont réunis mardi à Vienne et, après six heures de \
    discussions, ils ont convenu de se revoir le mois prochain pour régler les questions \
    encore ouvertes sur les inspections et les sanctions.";

fn clean(html: &str) -> Cleaned {
    clean_fragment(html, Some("https://example.test/a"), &RuleSet::builtin())
}

#[test]
fn german_labels_go_by_their_english_twins_rules() {
    let c = clean(&format!(
        "<p>{GERMAN}</p><p>Anzeige</p><p>Lesen Sie auch: Neue Gespräche über Sanktionen</p>\
         <p>Foto: Max Muster/dpa</p><p>{GERMAN} Erneut.</p>\
         <div>Teilen</div><h2>Mehr zum Thema</h2><p>Gespräche in Wien vertagt</p>\
         <p>Sanktionen bleiben in Kraft</p>"
    ));
    assert_eq!(
        c.text(),
        format!("{GERMAN}\n\n{GERMAN} Erneut."),
        "{:?}",
        c.removed
    );
    assert_eq!(c.removal("Anzeige"), Some((NoiseKind::Ad, "ad-label")));
    assert_eq!(
        c.removal("Lesen Sie auch: Neue Gespräche über Sanktionen"),
        Some((NoiseKind::Related, "related-inline"))
    );
    assert_eq!(
        c.removal("Foto: Max Muster/dpa").map(|r| r.0),
        Some(NoiseKind::Credit)
    );
    assert_eq!(c.removal("Teilen"), Some((NoiseKind::Share, "share-words")));
    assert_eq!(
        c.removal("Mehr zum Thema"),
        Some((NoiseKind::Related, "related-heading"))
    );
    assert_eq!(
        c.removal("Gespräche in Wien vertagt"),
        Some((NoiseKind::Related, "related-entries"))
    );
}

#[test]
fn french_labels_go_and_a_sentence_that_uses_the_words_stays() {
    let c = clean(&format!(
        "<p>{FRENCH}</p><p>Lire aussi : Les sanctions prolongées de six mois</p>\
         <p>Publicité</p><p>Voir aussi la publicité comparée des deux camps, qui a coûté \
         cher à chacun selon les comptes publiés lundi.</p><p>{FRENCH} Encore.</p>"
    ));
    assert_eq!(
        c.removal("Lire aussi : Les sanctions prolongées de six mois"),
        Some((NoiseKind::Related, "related-inline"))
    );
    assert_eq!(c.removal("Publicité"), Some((NoiseKind::Ad, "ad-label")));
    assert!(
        c.text().contains("Voir aussi la publicité comparée"),
        "{:?}",
        c.removed
    );
    assert!(c.text().ends_with("Encore."), "{:?}", c.removed);
}

/// A German article page's furniture inside the article container, each
/// line with the rule kind it goes by.
const GERMAN_FURNITURE: &[(&str, NoiseKind)] = &[
    ("Das könnte Sie auch interessieren", NoiseKind::Related),
    ("Ähnliche Artikel", NoiseKind::Related),
    ("Zum Thema", NoiseKind::Related),
    ("Weitere Meldungen", NoiseKind::Related),
    ("Newsletter abonnieren", NoiseKind::Promo),
    ("Jetzt 4 Wochen kostenlos testen", NoiseKind::Promo),
    ("Exklusiv für Abonnenten", NoiseKind::Promo),
    ("Bereits Abonnent? Hier anmelden", NoiseKind::Promo),
    ("Die App jetzt herunterladen", NoiseKind::Promo),
    ("Ihre E-Mail-Adresse", NoiseKind::Promo),
    ("Artikel teilen", NoiseKind::Share),
    ("Diesen Artikel teilen", NoiseKind::Share),
    ("Link kopieren", NoiseKind::Share),
    ("12 Kommentare", NoiseKind::Share),
    ("Kommentare (3)", NoiseKind::Share),
    ("Zu den Kommentaren", NoiseKind::Share),
    ("Artikel vorlesen lassen", NoiseKind::Share),
    ("Folgen Sie uns auf Instagram", NoiseKind::Share),
    ("Lesezeit: 3 Min.", NoiseKind::Other),
    ("Symbolbild: picture alliance / dpa", NoiseKind::Credit),
    ("Quelle: dpa", NoiseKind::Credit),
    ("imago images / Sven Simon", NoiseKind::Credit),
    ("(dpa)", NoiseKind::Credit),
    ("dpa/lnw", NoiseKind::Credit),
    ("Mit Material von dpa und AFP", NoiseKind::Credit),
    ("Zurück zur Übersicht", NoiseKind::Nav),
    ("© dpa-infocom, dpa:240312-99-311234/3", NoiseKind::Other),
    ("Alle Rechte vorbehalten.", NoiseKind::Other),
];

/// `lead` and its numbered variants with one line of `furniture` before
/// each (one label between two paragraphs, as pages place them), then
/// `prose`; and the text that should stay.
pub(super) fn interleaved(
    lead: &str,
    furniture: &[(&str, NoiseKind)],
    prose: &[&str],
) -> (String, String) {
    let mut html = format!("<p>{lead}</p>");
    let mut kept = vec![lead.to_owned()];
    for (n, (line, _)) in furniture.iter().enumerate() {
        let paragraph = format!("{lead} ({n})");
        html.push_str(&format!("<p>{line}</p><p>{paragraph}</p>"));
        kept.push(paragraph);
    }
    for p in prose {
        html.push_str(&format!("<p>{p}</p>"));
        kept.push(p.to_string());
    }
    (html, kept.join("\n\n"))
}

pub(super) fn assert_removed_by_kind(c: &Cleaned, furniture: &[(&str, NoiseKind)]) {
    for (line, kind) in furniture {
        assert_eq!(
            c.removal(line).map(|r| r.0),
            Some(*kind),
            "{line:?}: {:#?}",
            c.removed
        );
    }
}

#[test]
fn german_furniture_inside_the_article_goes_and_prose_using_its_words_stays() {
    // Sentences that use the labels' words are the story.
    let prose = [
        "Die Zeitung will ihre Leser künftig bitten, den Newsletter zu abonnieren, \
         und testet dafür ab Montag ein neues Angebot für Abonnenten in Bayern.",
        "Zum Thema Sanktionen sagte der Minister, man werde die Kommentare der \
         Opposition prüfen und die Vorschläge in der kommenden Woche beraten.",
        "Die Bilder der Agentur dpa zeigen, wie Helfer am Morgen die ersten \
         Familien aus dem überfluteten Ortsteil in Sicherheit brachten.",
        "Folgen Sie uns, rief der Bürgermeister den Helfern zu.",
    ];
    let (html, kept) = interleaved(GERMAN, GERMAN_FURNITURE, &prose);
    let c = clean(&html);
    assert_removed_by_kind(&c, GERMAN_FURNITURE);
    assert_eq!(c.text(), kept, "{:#?}", c.removed);
}

#[test]
fn french_spanish_and_italian_furniture_goes() {
    let furniture: &[(&str, NoiseKind)] = &[
        ("À lire aussi", NoiseKind::Related),
        ("Sur le même sujet", NoiseKind::Related),
        ("Abonnez-vous", NoiseKind::Promo),
        ("Cet article est réservé aux abonnés", NoiseKind::Promo),
        (
            "Il vous reste 75 % de cet article à lire.",
            NoiseKind::Promo,
        ),
        ("Partager sur Facebook", NoiseKind::Share),
        ("12 commentaires", NoiseKind::Share),
        ("Temps de lecture : 4 min", NoiseKind::Other),
        ("Lee también", NoiseKind::Related),
        ("Noticias relacionadas", NoiseKind::Related),
        ("Te puede interesar", NoiseKind::Related),
        ("Publicidad", NoiseKind::Ad),
        ("Suscríbete", NoiseKind::Promo),
        ("Compartir en Twitter", NoiseKind::Share),
        ("Leggi anche", NoiseKind::Related),
        ("Potrebbe interessarti anche", NoiseKind::Related),
        ("Pubblicità", NoiseKind::Ad),
        ("Condividi su Facebook", NoiseKind::Share),
        ("© RIPRODUZIONE RISERVATA", NoiseKind::Other),
    ];
    let prose = [
        "Les lecteurs abonnés au journal pourront lire aussi les archives, \
         a précisé la direction, qui partage les commentaires de la rédaction.",
    ];
    let (html, kept) = interleaved(FRENCH, furniture, &prose);
    let c = clean(&html);
    assert_removed_by_kind(&c, furniture);
    assert_eq!(c.text(), kept, "{:#?}", c.removed);
}

#[test]
fn a_german_caption_s_credit_goes_and_a_sentence_after_foto_stays() {
    let c = clean(&format!(
        "<p>{GERMAN}</p><figure><img src=\"https://example.test/a.jpg\" alt=\"\">\
         <figcaption>Die Minister vor dem Treffen in Wien. Foto: Max Muster/dpa</figcaption></figure>\
         <figure><img src=\"https://example.test/b.jpg\" alt=\"\">\
         <figcaption>Der Kanzler am Montag in Berlin © Anna Schmidt</figcaption></figure>\
         <figure><img src=\"https://example.test/c.jpg\" alt=\"\">\
         <figcaption>Das Plakat zeigt ein Foto: Kinder spielen im Sand.</figcaption></figure>\
         <p>Später zeigte der Sprecher ein Foto: Kinder im Sand.</p><p>{GERMAN} Erneut.</p>"
    ));
    assert_eq!(
        c.removal("Foto: Max Muster/dpa").map(|r| r.0),
        Some(NoiseKind::Credit),
        "{:#?}",
        c.removed
    );
    assert_eq!(
        c.removal("© Anna Schmidt").map(|r| r.0),
        Some(NoiseKind::Credit),
        "{:#?}",
        c.removed
    );
    let text = c.text();
    assert!(
        text.contains("Die Minister vor dem Treffen in Wien.")
            && text.contains("Der Kanzler am Montag in Berlin")
            && text.contains("Das Plakat zeigt ein Foto: Kinder spielen im Sand.")
            && text.contains("Später zeigte der Sprecher ein Foto: Kinder im Sand."),
        "{text}"
    );
}

#[test]
fn german_french_spanish_and_italian_related_and_ad_boxes_go_by_class() {
    let c = clean(&format!(
        "<article><p>{GERMAN}</p>\
         <div class=\"box-mehr-zum-thema\"><p>Gespräche in Wien vertagt, sagt das Ministerium am Abend</p></div>\
         <div class=\"anzeige\"><p>Jetzt den neuen Wagen Probe fahren und sparen</p></div>\
         <div class=\"bloc-lire-aussi\"><p>Les sanctions prolongées de six mois par Bruxelles</p></div>\
         <div class=\"noticias-relacionadas\"><p>Las sanciones se prorrogan seis meses más</p></div>\
         <div class=\"articoli-correlati\"><p>Le sanzioni prorogate di sei mesi</p></div>\
         <p>{GERMAN} Erneut.</p></article>"
    ));
    assert_eq!(
        c.text(),
        format!("{GERMAN}\n\n{GERMAN} Erneut."),
        "{:#?}",
        c.removed
    );
}

#[test]
fn labels_in_capitals_with_accented_letters_go_like_their_lowercase_twins() {
    // An accented capital (É, Ä, Ü, À) has bytes of its own, and pages
    // print labels in capitals by CSS or by hand: patterns and phrases
    // (`contains`) both meet the block folded.
    let furniture: &[(&str, NoiseKind)] = &[
        ("PUBLICITÉ", NoiseKind::Ad),
        ("À LIRE AUSSI", NoiseKind::Related),
        ("SUR LE MÊME SUJET", NoiseKind::Related),
        ("ÄHNLICHE ARTIKEL", NoiseKind::Related),
        ("DAS KÖNNTE SIE AUCH INTERESSIEREN", NoiseKind::Related),
        ("ZURÜCK ZUR ÜBERSICHT", NoiseKind::Nav),
        ("ÉCOUTER CET ARTICLE", NoiseKind::Other),
        ("SUSCRÍBETE", NoiseKind::Promo),
        ("ARTÍCULOS RELACIONADOS", NoiseKind::Related),
        ("TU CORREO ELECTRÓNICO", NoiseKind::Promo),
        // Phrases.
        ("EXKLUSIV FÜR ABONNENTEN", NoiseKind::Promo),
        ("JEDERZEIT KÜNDBAR", NoiseKind::Promo),
        ("DÉJÀ ABONNÉ ? CONNECTEZ-VOUS", NoiseKind::Promo),
        ("¿YA ERES SUSCRIPTOR? INICIA SESIÓN", NoiseKind::Promo),
        ("VIELEN DANK FÜR IHRE ANMELDUNG", NoiseKind::Promo),
        ("TOUS DROITS RÉSERVÉS", NoiseKind::Other),
    ];
    let (html, kept) = interleaved(FRENCH, furniture, &[]);
    let c = clean(&html);
    assert_removed_by_kind(&c, furniture);
    assert_eq!(c.text(), kept, "{:#?}", c.removed);
}

#[test]
fn a_date_line_in_capitals_with_accented_letters_leaves_the_lead() {
    for (date, prose) in [
        ("VERÖFFENTLICHT AM 3. MÄRZ 2021, 10:42 UHR", GERMAN),
        ("PUBLIÉ LE 14 FÉVRIER 2022 À 09H15", FRENCH),
    ] {
        let c = clean(&format!(
            "<article><h1>Minister in Wien</h1><p>{date}</p><p>{prose}</p>\
             <p>{prose} Encore.</p></article>"
        ));
        assert_eq!(
            c.removal(date),
            Some((NoiseKind::Other, "lead-date")),
            "{:#?}",
            c.removed
        );
    }
}
