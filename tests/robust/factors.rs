//! A criterion factor is a scale and never reverses a criterion. Found by an audit (December
//! 2026): `[uncertainty.criteria]` factors drawn below 0 made every value negative, so the
//! worst site on the criterion scored best in those draws.

use super::{MODEL, SITES};
use crate::util::{Csv, Dir};

#[test]
fn a_negative_factor_draw_does_not_reverse_the_criterion() {
    // Site c is the dearest and the slowest: it is never first unless a factor reverses
    // `cost` (normal with sd 50 draws below 0 in about half the draws).
    let scenario = r#"name = "mine"
model = "model.toml"

[data]
sites = "mine.csv"

[simulation]
draws = 2000
seed = 7

[uncertainty]
measurement = false

[uncertainty.criteria]
cost = { dist = "normal", mean = 1, sd = 50 }
"#;
    let d = Dir::with(&[
        ("scenario.toml", scenario),
        ("model.toml", MODEL),
        ("mine.csv", SITES),
    ]);
    d.run(&[
        "run",
        "scenario.toml",
        "--out",
        "out",
        "--quiet",
        "--no-plots",
    ])
    .ok();
    let r = Csv::parse(&d.read("out/ranking.csv"));
    let (id, p) = (r.col("site_id"), r.col("p_first"));
    let c = r.rows.iter().find(|row| row[id] == "c").unwrap();
    assert_eq!(c[p], "0", "{:?}", r.rows);
}
