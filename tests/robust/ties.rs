//! Exactly tied sites share a rank (SMAA-2's rank: 1 + the number of sites strictly better),
//! whatever their order in the sites file. Found by an audit (December 2026): ties went to
//! the site listed first, so a site listed second never won a tied draw.

use crate::util::{Csv, Dir};

/// PROMETHEE II with a U-shape indifference threshold of 10: b = (55, 55) and a = (50, 50)
/// are indifferent on both criteria and tie in every draw.
const MODEL: &str = r#"name = "m"
method = "promethee2"

[[criteria]]
id = "c1"
column = "c1"
direction = "max"
weight = 1
preference = "u-shape"
q = 10

[[criteria]]
id = "c2"
column = "c2"
direction = "max"
weight = 1
preference = "u-shape"
q = 10
"#;

const SCENARIO: &str = r#"name = "ties"
model = "m.toml"

[data]
sites = "sites.csv"

[simulation]
draws = 4000
seed = 42

[weights]
mode = "unknown"
"#;

/// (p_first, expected_rank) of a and b, with the two rows in the given order.
fn run(rows: &str) -> [(String, String); 2] {
    let d = Dir::with(&[
        ("s.toml", SCENARIO),
        ("m.toml", MODEL),
        (
            "sites.csv",
            &format!("id,c1,c2\n{rows}c,0,100\nd,100,0\ne,0,0\n"),
        ),
    ]);
    d.run(&["run", "s.toml", "--out", "out", "--quiet", "--no-plots"])
        .ok();
    let r = Csv::parse(&d.read("out/ranking.csv"));
    let (id, p, e) = (r.col("site_id"), r.col("p_first"), r.col("expected_rank"));
    ["a", "b"].map(|s| {
        let row = r.rows.iter().find(|row| row[id] == s).unwrap();
        (row[p].clone(), row[e].clone())
    })
}

#[test]
fn tied_sites_share_their_rank_whatever_the_file_order() {
    let ab = run("a,50,50\nb,55,55\n");
    let ba = run("b,55,55\na,50,50\n");
    // Both rank first in the same draws (about 1/7 of them: the weights that put neither c
    // nor d ahead), in either order of the file.
    assert_eq!(ab[0], ab[1], "{ab:?}");
    assert_eq!(ab, ba, "{ab:?} {ba:?}");
    let p: f64 = ab[0].0.parse().unwrap();
    assert!((p - 1.0 / 7.0).abs() < 0.02, "{p}");
}
