//! `report.html`: one self-contained page for a run — the scenario, the ranking, the plots
//! (inline SVG), the criteria of the top sites, the warnings and the provenance.
//!
//! No scripts, no external style sheets, fonts or images: the page opens offline and the
//! same results give the same bytes (but for the wall time recorded in `summary.json`).

use std::fmt::Write;

use super::Summary;
use super::plots::Figure;
use super::verdict::FIRST_PASS_ONLY;
use crate::results::Results;
use crate::world::World;

/// Sites whose criteria are tabulated.
const TOP_SITES: usize = 5;
/// Ranking rows shown open; the rest are folded away.
const RANKING_ROWS: usize = 20;

const CSS: &str = "
body{font-family:'DejaVu Sans',Verdana,sans-serif;margin:0;color:#222;background:#fafafa;font-size:14px;line-height:1.45}
main{max-width:1100px;margin:0 auto;padding:24px 28px 60px;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 10px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:15px;margin:22px 0 6px}
.sub{color:#555;margin:0 0 14px}
table{border-collapse:collapse;margin:6px 0 10px;font-size:13px}
th,td{padding:3px 8px;border-bottom:1px solid #e4e4e4;text-align:left;vertical-align:top}
th{background:#f0f0f0;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.inf td{color:#888}
dl.kv{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:6px 0}
dl.kv dt{color:#555}dl.kv dd{margin:0}
figure{margin:10px 0 26px}figure svg{max-width:100%;height:auto;display:block;border:1px solid #eee}
figure svg text{font-family:'DejaVu Sans',Verdana,sans-serif}
details{margin:6px 0}summary{cursor:pointer;color:#345}
figcaption{color:#555;font-size:13px;margin-top:4px}
.warn{background:#fff6e0;border:1px solid #e8c66a;padding:8px 12px;margin:10px 0}
.warn li{margin:2px 0}
code,pre{font-family:'DejaVu Sans Mono',Menlo,monospace;font-size:12px}
pre{background:#f5f5f5;padding:10px;overflow-x:auto;white-space:pre-wrap}
.band{color:#777;font-size:11px}
.scroll{overflow-x:auto}
p.verdict{background:#eef5ee;border:1px solid #9c9;padding:8px 12px}
nav a{margin-right:14px}
";

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A value for a table cell: about four significant digits, large numbers with k/M/G.
fn fmt_value(x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let a = x.abs();
    let (v, suffix) = if a >= 1e9 {
        (x / 1e9, " G")
    } else if a >= 1e6 {
        (x / 1e6, " M")
    } else if a >= 1e4 {
        (x / 1e3, " k")
    } else {
        (x, "")
    };
    let va = v.abs();
    let digits = if va == 0.0 || va >= 100.0 {
        0
    } else if va >= 10.0 {
        1
    } else if va >= 1.0 {
        2
    } else {
        3
    };
    format!("{v:.digits$}{suffix}")
}

/// The report page. `summary` is the run's `summary.json`; `plots` are the figures with
/// their SVG text.
pub fn render(world: &World, r: &Results, summary: &Summary, plots: &[(&Figure, &str)]) -> String {
    let sc = &world.scenario;
    let mut h = String::new();
    let title = format!("dcsite report — {}", sc.name);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        escape(&title)
    );
    let _ = writeln!(h, "<h1>{}</h1>", escape(&sc.name));
    if let Some(d) = &sc.description {
        let _ = writeln!(h, "<p class=\"sub\">{}</p>", escape(d));
    }
    let draws = summary.draws;
    let run_kind = if draws == 0 {
        "base case only (no Monte Carlo draws)".to_owned()
    } else {
        format!("{draws} Monte Carlo draws, seed {}", summary.seed)
    };
    let _ = writeln!(
        h,
        "<p class=\"sub\">Model <b>{}</b>, method {}, {} normalisation, weights {}; {}.</p>",
        escape(&sc.model.name),
        escape(&summary.method),
        escape(&summary.normalization),
        escape(&summary.weights_mode),
        escape(&run_kind)
    );
    h.push_str(
        "<nav><a href=\"#verdict\">Verdict</a><a href=\"#ranking\">Ranking</a><a href=\"#plots\">Plots</a>\
         <a href=\"#criteria\">Criteria</a><a href=\"#scenario\">Scenario</a>\
         <a href=\"#provenance\">Provenance</a></nav>\n",
    );
    warnings(&mut h, summary);
    verdict(&mut h, summary, first_pass_only(r));
    ranking(&mut h, r);
    if !plots.is_empty() {
        h.push_str("<h2 id=\"plots\">Plots</h2>\n");
        for (f, svg) in plots {
            let _ = writeln!(
                h,
                "<figure id=\"plot-{}\">\n{}\n<figcaption>{}</figcaption>\n</figure>",
                f.name,
                strip_xml_declaration(svg),
                escape(&f.caption)
            );
        }
    }
    criteria(&mut h, world, r);
    scenario(&mut h, world);
    provenance(&mut h, summary, first_pass_only(r));
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

fn strip_xml_declaration(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(k) => &svg[k..],
        None => svg,
    }
}

fn warnings(h: &mut String, summary: &Summary) {
    if summary.warnings.is_empty() {
        return;
    }
    h.push_str("<div class=\"warn\" id=\"warnings\"><b>Warnings</b><ul>\n");
    for w in &summary.warnings {
        let _ = writeln!(h, "<li>{}</li>", escape(w));
    }
    h.push_str("</ul></div>\n");
}

/// Whether the run is a first pass (`dcsite merge --first-pass`): draws over every batch,
/// but no confidence pass yet (a shard has none either, and says so as a shard).
fn first_pass_only(r: &Results) -> bool {
    r.provenance.shard.is_none()
        && r.monte_carlo
            .as_ref()
            .is_some_and(|mc| !mc.confidence_computed)
}

/// The verdict of `summary.json`. A first pass says that its confidence factors are still
/// to come, even when its `summary.json` was written before its verdict said so.
fn verdict(h: &mut String, summary: &Summary, first_pass_only: bool) {
    let text = &summary.verdict.text;
    if text.is_empty() {
        return;
    }
    let text = if first_pass_only && !text.starts_with(FIRST_PASS_ONLY) {
        format!("{FIRST_PASS_ONLY} {text}")
    } else {
        text.clone()
    };
    let _ = writeln!(
        h,
        "<h2 id=\"verdict\">Verdict</h2>\n<p class=\"verdict\">{}</p>",
        escape(&text)
    );
}

/// Definitions of the ranking table's columns (with draws, or base case only).
const RANKING_COLUMNS_MC: &[(&str, &str)] = &[
    (
        "rank",
        "position in this table (and ranking.csv): sites sorted by expected rank, then P(first), then base-case rank",
    ),
    (
        "site, id, country",
        "the site's name, its id in the sites file and its ISO 3166-1 alpha-2 country code",
    ),
    (
        "base score",
        "the method's score in the base case: central inputs, the model's point weights, no events, no noise (higher is better)",
    ),
    (
        "P(first)",
        "rank-1 acceptability: the share of the Monte Carlo draws in which the site ranks first",
    ),
    (
        "expected rank",
        "the mean of the site's rank over the draws with a feasible site (1 = best); it rewards being near the top often, so the site with the best expected rank need not be the one that wins most draws; – when no draw had a feasible site",
    ),
    (
        "score p05–p95",
        "the 5th and 95th percentiles of the site's score over the draws: 90% of the draws fall in this range",
    ),
    (
        "feasible",
        "the share of draws in which the site meets every rule (residency, thresholds) and no infeasible event hits it; a site infeasible in a draw ranks after every feasible one",
    ),
    (
        "confidence",
        "the confidence factor: the share of draws in which the site ranks first when the weights are fixed at its central weights (the mean weights of the draws it won); high means its wins come from the weights, low means from the other uncertain inputs; – when the site never ranked first, in a shard, or in a first pass (`dcsite merge --first-pass`) before its confidence pass",
    ),
];

const RANKING_COLUMNS_BASE: &[(&str, &str)] = &[
    (
        "rank",
        "position in the base case (feasible sites first, then by score)",
    ),
    (
        "site, id, country",
        "the site's name, its id in the sites file and its ISO 3166-1 alpha-2 country code",
    ),
    (
        "base score",
        "the method's score in the base case: central inputs, the model's point weights, no events, no noise (higher is better)",
    ),
    (
        "feasible",
        "yes, or the first rule the site breaks in the base case",
    ),
];

const CRITERIA_COLUMNS: &[(&str, &str)] = &[
    (
        "criterion",
        "the criterion's id in the model (hover for its description)",
    ),
    (
        "unit",
        "the unit of its values (empty for dimensionless values and dataset columns)",
    ),
    ("better", "min: less is better; max: more is better"),
    (
        "weight",
        "the model's point weight, normalised so the weights sum to 100%",
    ),
    (
        "one column per site",
        "the site's base-case value, and under it the 5th–95th percentile range over the draws",
    ),
];

/// A definition list explaining a table's columns.
fn columns(h: &mut String, defs: &[(&str, &str)]) {
    h.push_str(
        "<details class=\"cols\"><summary>What the columns mean</summary>\n<dl class=\"kv\">\n",
    );
    for (k, v) in defs {
        let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(v));
    }
    h.push_str("</dl></details>\n");
}

/// A share as a percentage, claiming neither "0.0%" for a rare event nor "100.0%" for a
/// share below 1 (a site that lost a few draws, or was infeasible in a few).
/// A share as the verdict writes it ("< 0.1%", "> 99.9%"), escaped; a share of exactly 0
/// is "0", so a table of mostly zeros stays readable.
fn pct(p: f64) -> String {
    if p == 0.0 {
        "0".into()
    } else {
        escape(&super::verdict::pct(p))
    }
}

fn ranking(h: &mut String, r: &Results) {
    let mc = r.monte_carlo.as_ref();
    let mut head = String::from(
        "<table>\n<tr><th class=\"n\">rank</th><th>site</th><th>id</th><th>country</th>\
         <th class=\"n\">base score</th>",
    );
    if mc.is_some() {
        head.push_str(
            "<th class=\"n\">P(first)</th><th class=\"n\">expected rank</th>\
             <th class=\"n\">score p05–p95</th><th class=\"n\">feasible</th>\
             <th class=\"n\">confidence</th>",
        );
    } else {
        head.push_str("<th>feasible</th>");
    }
    head.push_str("</tr>\n");
    h.push_str("<h2 id=\"ranking\">Ranking</h2>\n");
    h.push_str(&head);
    let order = &r.order;
    for (k, &i) in order.iter().enumerate() {
        if k == RANKING_ROWS {
            let _ = write!(
                h,
                "</table>\n<details><summary>The other {} sites</summary>\n{head}",
                order.len() - RANKING_ROWS
            );
        }
        let s = &r.sites[i];
        let class = if s.base.feasible {
            ""
        } else {
            " class=\"inf\""
        };
        let _ = write!(
            h,
            "<tr{class}><td class=\"n\">{}</td><td>{}</td><td><code>{}</code></td><td>{}</td>\
             <td class=\"n\">{:.3}</td>",
            k + 1,
            escape(&s.name),
            escape(&s.id),
            escape(&s.country),
            s.base.score
        );
        match (mc, &s.stats) {
            (Some(_), Some(st)) => {
                // Undefined for a site that never ranks first, as in ranking.csv.
                let conf = st.confidence_factor.map_or("–".to_owned(), pct);
                // Undefined when no draw has a feasible site: a dash, as the CSV's empty cell.
                let expected_rank = st
                    .expected_rank
                    .filter(|e| e.is_finite())
                    .map_or("–".to_owned(), |e| format!("{e:.2}"));
                let _ = write!(
                    h,
                    "<td class=\"n\">{}</td><td class=\"n\">{expected_rank}</td>\
                     <td class=\"n\">{:.3}–{:.3}</td><td class=\"n\">{}</td>\
                     <td class=\"n\">{conf}</td>",
                    pct(st.p_first),
                    st.score.p05,
                    st.score.p95,
                    pct(st.feasible_share),
                );
            }
            _ => {
                let f = if s.base.feasible {
                    "yes".to_owned()
                } else {
                    format!("no: {}", s.base.broken_rule.as_deref().unwrap_or_default())
                };
                let _ = write!(h, "<td>{}</td>", escape(&f));
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n");
    if order.len() > RANKING_ROWS {
        h.push_str("</details>\n");
    }
    columns(
        h,
        if mc.is_some() {
            RANKING_COLUMNS_MC
        } else {
            RANKING_COLUMNS_BASE
        },
    );
}

fn criteria(h: &mut String, world: &World, r: &Results) {
    let model = &world.scenario.model;
    let mc = r.monte_carlo.as_ref();
    let top: Vec<usize> = r.order.iter().copied().take(TOP_SITES).collect();
    let _ = writeln!(
        h,
        "<h2 id=\"criteria\">Criteria of the top {} sites</h2>\n<p class=\"sub\">Base-case \
         values{}.</p>\n<div class=\"scroll\"><table>\n<tr><th>criterion</th><th>unit</th><th>better</th><th class=\"n\">weight</th>",
        top.len(),
        if mc.is_some() {
            "; below each, the p05–p95 range over the draws"
        } else {
            ""
        }
    );
    for &i in &top {
        let _ = write!(h, "<th class=\"n\">{}</th>", escape(&r.sites[i].name));
    }
    h.push_str("</tr>\n");
    for (j, c) in model.criteria.iter().enumerate() {
        let title = c.description.as_deref().unwrap_or("");
        let _ = write!(
            h,
            "<tr><td title=\"{}\"><code>{}</code></td><td>{}</td><td>{}</td><td class=\"n\">{:.0}%</td>",
            escape(title),
            escape(&c.id),
            escape(c.unit()),
            escape(&c.direction.to_string()),
            100.0 * c.weight
        );
        for &i in &top {
            let s = &r.sites[i];
            let _ = write!(h, "<td class=\"n\">{}", fmt_value(s.base.values[j]));
            if let Some(st) = &s.stats {
                let v = &st.values[j];
                let (lo, hi) = (fmt_value(v.p05), fmt_value(v.p95));
                // A value that does not vary gets no band.
                if lo != hi {
                    let _ = write!(h, "<br><span class=\"band\">{lo}–{hi}</span>");
                }
            }
            h.push_str("</td>");
        }
        h.push_str("</tr>\n");
    }
    // Wider than the page with many criteria or long names: it scrolls, not the page.
    h.push_str("</table></div>\n");
    columns(h, CRITERIA_COLUMNS);
}

fn scenario(h: &mut String, world: &World) {
    let sc = &world.scenario;
    let _ = writeln!(
        h,
        "<h2 id=\"scenario\">Scenario</h2>\n<dl class=\"kv\"><dt>candidates</dt><dd>{} sites</dd>\
         <dt>criteria</dt><dd>{}</dd></dl>",
        world.sites.len(),
        escape(
            &sc.model
                .criteria
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    );
    for f in [&sc.file, &sc.model_file] {
        let _ = writeln!(
            h,
            "<details><summary><code>{}</code></summary>\n<pre>{}</pre></details>",
            escape(&f.name),
            escape(&f.text)
        );
    }
}

fn provenance(h: &mut String, summary: &Summary, first_pass_only: bool) {
    h.push_str("<h2 id=\"provenance\">Provenance</h2>\n<dl class=\"kv\">\n");
    let mut kv = |k: &str, v: String| {
        let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", escape(k), v);
    };
    kv("dcsite version", escape(&summary.dcsite_version));
    for (label, file) in [("scenario", &summary.scenario), ("model", &summary.model)] {
        kv(
            label,
            format!(
                "<code>{}</code> <span class=\"band\">sha256 {}</span>",
                escape(&file.name),
                escape(&file.sha256)
            ),
        );
    }
    kv("seed", summary.seed.to_string());
    kv("draws", summary.draws.to_string());
    if let Some(s) = &summary.shard {
        kv("shard", escape(s));
    }
    if first_pass_only {
        kv(
            "confidence pass",
            "still to come: a first pass (<code>dcsite merge --first-pass</code>) has no confidence factors until <code>dcsite merge DIR --confidence C1 … CN</code>".to_owned(),
        );
    }
    let [start, end] = summary.batches;
    // The batches are numbered from 0; `end` is the first not run.
    kv(
        "batches",
        match end.saturating_sub(start) {
            0 => "none".to_owned(),
            1 => format!("{start} (1 batch)"),
            k => format!("{start}–{} ({k} batches)", end - 1),
        },
    );
    kv("wall time", format!("{:.2} s", summary.wall_time_s));
    h.push_str("</dl>\n<table>\n<tr><th>input file</th><th>sha256</th></tr>\n");
    for f in &summary.input_files {
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code></td><td><code>{}</code></td></tr>",
            escape(&f.name),
            escape(&f.sha256)
        );
    }
    h.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn formats_values() {
        assert_eq!(fmt_value(1_234_567_890.0), "1.23 G");
        assert_eq!(fmt_value(45_600_000.0), "45.6 M");
        assert_eq!(fmt_value(12_345.0), "12.3 k");
        assert_eq!(fmt_value(0.123_45), "0.123");
        assert_eq!(fmt_value(-2.5), "-2.50");
        assert_eq!(fmt_value(f64::NAN), "–");
    }
}
