//! A criterion factor is a scale and never reverses a criterion. Found by an audit (December
//! 2026): `[uncertainty.criteria]` factors drawn below 0 made every value negative, so the
//! worst site on the criterion scored best in those draws.

use super::fixture;
use crate::util::Csv;

#[test]
fn a_negative_factor_draw_does_not_reverse_the_criterion() {
    // Site c is the dearest and the slowest: it is never first unless a factor reverses
    // `cost` (normal with sd 50 draws below 0 in about half the draws).
    let d = fixture(
        "[uncertainty]\nmeasurement = false\n\n[uncertainty.criteria]\ncost = { dist = \"normal\", mean = 1, sd = 50 }\n",
    );
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
