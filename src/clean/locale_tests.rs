//! The same furniture in the languages of the pages sift reads most after
//! English: German and French labels go by the rules that take their
//! English twins, and the prose around them stays.

use super::{Cleaned, NoiseKind, RuleSet, clean_fragment};

const GERMAN: &str = "Die Minister trafen sich am Dienstag in Wien, und nach sechs Stunden \
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
