//! Precision and recall of `topic:foreign-policy` on labelled headlines
//! with standfirsts: the tuning half (the terms were tuned on it) and the
//! held-out half (never looked at while tuning). Both must reach 0.9.
//! Run with `--nocapture` to see the figures and the misses.

use sift::topics::{MEMBER_SCORE, Scorer, TopicSet};

struct Figures {
    true_pos: usize,
    false_pos: usize,
    false_neg: usize,
    true_neg: usize,
}

impl Figures {
    fn precision(&self) -> f64 {
        self.true_pos as f64 / (self.true_pos + self.false_pos).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.true_pos as f64 / (self.true_pos + self.false_neg).max(1) as f64
    }
}

fn evaluate(file: &str) -> Figures {
    let text = std::fs::read_to_string(format!("tests/fixtures/topics/{file}")).expect("fixture");
    let scorer = Scorer::new(&TopicSet::defaults().expect("built-in topics"));
    let mut f = Figures {
        true_pos: 0,
        false_pos: 0,
        false_neg: 0,
        true_neg: 0,
    };
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "three columns: {line}");
        let labelled = match cols[0] {
            "fp" => true,
            "-" => false,
            other => panic!("unknown label {other:?}: {line}"),
        };
        let score = scorer
            .score(cols[1], cols[2])
            .into_iter()
            .find(|(t, _)| *t == "foreign-policy")
            .map_or(0.0, |(_, s)| s);
        let found = score >= MEMBER_SCORE;
        match (labelled, found) {
            (true, true) => f.true_pos += 1,
            (false, true) => f.false_pos += 1,
            (true, false) => f.false_neg += 1,
            (false, false) => f.true_neg += 1,
        }
        if labelled != found {
            println!(
                "{file}: {} {score:.2}  {}",
                if labelled { "missed" } else { "wrong " },
                cols[1]
            );
        }
    }
    println!(
        "{file}: precision {:.3}, recall {:.3} (tp {}, fp {}, fn {}, tn {})",
        f.precision(),
        f.recall(),
        f.true_pos,
        f.false_pos,
        f.false_neg,
        f.true_neg
    );
    f
}

#[test]
fn tuning_set_reaches_point_nine() {
    let f = evaluate("tuning.tsv");
    assert!(f.true_pos + f.false_neg >= 80 && f.false_pos + f.true_neg >= 80);
    assert!(f.precision() >= 0.9, "precision {:.3}", f.precision());
    assert!(f.recall() >= 0.9, "recall {:.3}", f.recall());
}

#[test]
fn held_out_set_reaches_point_nine() {
    let f = evaluate("heldout.tsv");
    assert!(f.true_pos + f.false_neg >= 40 && f.false_pos + f.true_neg >= 40);
    assert!(f.precision() >= 0.9, "precision {:.3}", f.precision());
    assert!(f.recall() >= 0.9, "recall {:.3}", f.recall());
}

#[test]
fn second_held_out_set_reaches_point_nine() {
    let f = evaluate("heldout2.tsv");
    assert!(f.true_pos + f.false_neg >= 30 && f.false_pos + f.true_neg >= 30);
    assert!(f.precision() >= 0.9, "precision {:.3}", f.precision());
    assert!(f.recall() >= 0.9, "recall {:.3}", f.recall());
}
