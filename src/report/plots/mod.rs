//! Plots of a run, as SVG and PNG: rank acceptabilities, score distributions, a map of
//! sites and users, central weights, and base-case latency.
//!
//! Drawn with `plotters` and the embedded DejaVu Sans font (`assets/fonts/`, registered
//! through plotters' `ab_glyph` feature), so a PNG looks the same on every machine, with or
//! without system fonts. Coastlines are Natural Earth 1:110m land (`data/world_110m.csv`,
//! public domain). Figures are data first ([`figures`]) and pixels second ([`Figure::svg`],
//! [`Figure::png`]), so the HTML report can inline the SVG without writing files.

mod charts;
mod map;
mod png_backend;
mod style;

use std::sync::Once;

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};

use super::clip;
use crate::results::Results;
use crate::world::World;
use charts::{
    CELL_W, draw_acceptability, draw_latency, draw_scores, draw_tornado, draw_weights, share_text,
};
use map::{MapData, draw_map, map_figure, portfolio_map_figure};
use style::{
    CATEGORICAL, font, is_dark, legend, rd_yl_bu, row_chart, swatch_box, text_width, viridis,
    yl_or_rd,
};

static FONT: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
/// plotters' default family name, so every default text style uses the embedded font.
const FAMILY: &str = "sans-serif";
/// Rows in per-site charts; the rest are left out (the CSVs have every site).
pub const MAX_ROWS: usize = 40;
/// Sites in the central-weights chart.
const MAX_WEIGHT_SITES: usize = 8;
const ROW_PX: u32 = 22;
const WIDTH: u32 = 1000;

/// A drawing failure (only an internal bug can cause one: the font is embedded and the
/// backends draw into memory).
#[derive(Debug, thiserror::Error)]
#[error("drawing plot {plot}: {message}")]
pub struct PlotError {
    pub plot: &'static str,
    pub message: String,
}

/// A chart over numbers on both axes.
type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;
/// Draws legend entry k's swatch at a point.
type Swatch<'s, DB> = dyn Fn(&DrawingArea<DB, Shift>, usize, (i32, i32)) -> DrawResult<DB> + 's;
/// Draws row i of a row chart centred at y.
type RowDrawer<'s, DB> = dyn for<'a> FnMut(&mut Chart<'a, DB>, usize, f64) -> DrawResult<DB> + 's;

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for style in [FontStyle::Normal, FontStyle::Bold] {
            // Cannot fail: the embedded file is a valid TrueType font (tested below).
            let _ = register_font(FAMILY, style, FONT);
        }
    });
}

/// One chart, ready to be drawn.
#[derive(Debug, Clone)]
pub struct Figure {
    /// File stem in `plots/` (`acceptability` → `acceptability.png`, `.svg`).
    pub name: &'static str,
    pub title: String,
    /// One sentence on how to read it (for the HTML report).
    pub caption: String,
    pub size: (u32, u32),
    body: Body,
}

#[derive(Debug, Clone)]
enum Body {
    Acceptability {
        labels: Vec<String>,
        /// Per row, the share of draws in each band.
        shares: Vec<Vec<f64>>,
        bands: Vec<String>,
    },
    Scores {
        labels: Vec<String>,
        /// p05, p25, p50, p75, p95.
        boxes: Vec<[f64; 5]>,
        base: Vec<f64>,
    },
    Map(MapData),
    Weights {
        criteria: Vec<String>,
        model: Vec<f64>,
        /// Legend label and central weights of each site that ranks first.
        sites: Vec<(String, Vec<f64>)>,
    },
    Latency {
        labels: Vec<String>,
        groups: Vec<String>,
        /// `rtt_ms[row][group]`
        rtt_ms: Vec<Vec<f64>>,
        sla_ms: f64,
    },
    Tornado {
        labels: Vec<String>,
        /// (value at the low end of the input, value at the high end).
        ends: Vec<(f64, f64)>,
        base: f64,
        x_desc: String,
    },
}

/// Short label of each site: its name clipped, with the id when names repeat.
/// The map of a portfolio for `dcsite portfolio`: `served[i]` is the share of all users
/// served by candidate i (0 when not chosen); `coords` are the candidates' (lat, lon).
pub fn portfolio_map(world: &World, coords: &[(f64, f64)], served: &[f64], k: usize) -> Figure {
    portfolio_map_figure(world, coords, &site_labels(world), served, k)
}

fn site_labels(world: &World) -> Vec<String> {
    let names: Vec<&str> = world.sites.iter().map(|s| s.name.as_str()).collect();
    world
        .sites
        .iter()
        .map(|s| {
            let dup = names.iter().filter(|&&n| n == s.name).count() > 1;
            let name = if dup {
                format!("{} ({})", s.name, s.id)
            } else {
                s.name.clone()
            };
            clip(&name, 30)
        })
        .collect()
}

fn rows_note(shown: usize, total: usize) -> String {
    if shown < total {
        format!(" (top {shown} of {total} by expected rank)")
    } else {
        String::new()
    }
}

/// The figures of a run. `coords` (lat, lon per site) enables the map; without Monte Carlo
/// results only the map and the latency chart are drawn.
/// The acceptability chart's band for the draws in which no site is feasible.
const NO_SITE_RANKED: &str = "no site ranked";

/// The names of every figure [`figures`] may draw: the only files of `plots/` that a later
/// run into the same directory may remove.
pub const RUN_FIGURES: [&str; 5] = [
    "acceptability",
    "scores",
    "central_weights",
    "map",
    "latency",
];

pub fn figures(world: &World, r: &Results) -> Vec<Figure> {
    let labels = site_labels(world);
    let rows: Vec<usize> = r.order.iter().copied().take(MAX_ROWS).collect();
    let m = world.sites.len();
    let mut out = Vec::new();
    if let Some(mc) = &r.monte_carlo {
        let stats = |i: usize| r.sites[i].stats.as_ref().expect("statistics with draws");
        let p_first = |i: usize| stats(i).p_first;
        // Ranks 1..9 each, the rest together: beyond that colours stop being told apart.
        // In large-site mode (ranks counted up to k < m) the rest is what the counted ranks
        // leave of the ranked draws.
        let counted = mc.ranks_counted();
        let single = if m <= 10 { m } else { 9 }.min(counted);
        let mut bands: Vec<String> = (1..=single).map(|k| format!("rank {k}")).collect();
        if single < m {
            bands.push(format!("ranks {}–{m}", single + 1));
        }
        let none = mc.no_feasible_share;
        let ranked = 1.0 - none;
        // Draws that rank no site fill every bar up to 1, in their own band.
        if none > 0.0 {
            bands.push(NO_SITE_RANKED.into());
        }
        let shares = rows
            .iter()
            .map(|&i| {
                let a = &mc.acceptability[i];
                let mut v: Vec<f64> = a[..single].to_vec();
                if single < m && counted == m {
                    v.push(a[single..].iter().sum());
                } else if single < m {
                    v.push((ranked - v.iter().sum::<f64>()).max(0.0));
                }
                if none > 0.0 {
                    v.push(none);
                }
                v
            })
            .collect();
        out.push(Figure {
            name: "acceptability",
            title: format!("Rank acceptability{}", rows_note(rows.len(), m)),
            caption: "Share of Monte Carlo draws in which each site takes each rank; \
                      sites in order of expected rank."
                .into(),
            size: (WIDTH, 130 + ROW_PX * rows.len() as u32),
            body: Body::Acceptability {
                labels: rows.iter().map(|&i| labels[i].clone()).collect(),
                shares,
                bands,
            },
        });
        let q = |i: usize| {
            let s = &stats(i).score;
            [s.p05, s.p25, s.p50, s.p75, s.p95]
        };
        out.push(Figure {
            name: "scores",
            title: format!("Score distributions{}", rows_note(rows.len(), m)),
            caption: "Each site's score over the draws: box p25–p75, line median, \
                      whiskers p05–p95; the diamond is the base case. A site infeasible in \
                      some draws says in how many it is feasible (never: in none)."
                .into(),
            size: (WIDTH, 130 + ROW_PX * rows.len() as u32),
            body: Body::Scores {
                // A score says nothing of feasibility: name it where it is not certain.
                labels: rows
                    .iter()
                    .map(|&i| match stats(i).feasible_share {
                        0.0 => format!("{} (never feasible)", labels[i]),
                        f if f < 1.0 => format!("{} (feasible {})", labels[i], share_text(f)),
                        _ => labels[i].clone(),
                    })
                    .collect(),
                boxes: rows.iter().map(|&i| q(i)).collect(),
                base: rows.iter().map(|&i| r.sites[i].base.score).collect(),
            },
        });
        let mut firsts: Vec<usize> = (0..m).filter(|&i| p_first(i) > 0.0).collect();
        firsts.sort_by(|&x, &y| p_first(y).total_cmp(&p_first(x)).then(x.cmp(&y)));
        let shown = firsts.len().min(MAX_WEIGHT_SITES);
        if shown > 0 {
            let criteria = &world.scenario.model.criteria;
            let more = if firsts.len() > shown {
                format!(" (top {shown} of {} sites that rank first)", firsts.len())
            } else {
                String::new()
            };
            out.push(Figure {
                name: "central_weights",
                title: format!("Central weights{more}"),
                caption: "Mean weights of the draws in which the site ranks first: the \
                          preferences that favour it. Black ticks mark the model's weights."
                    .into(),
                size: (
                    WIDTH,
                    150 + criteria.len() as u32 * (shown as u32 * 9 + 14)
                        + 20 * shown.div_ceil(3) as u32,
                ),
                body: Body::Weights {
                    criteria: criteria.iter().map(|c| clip(&c.id, 30)).collect(),
                    model: criteria.iter().map(|c| c.weight).collect(),
                    sites: firsts[..shown]
                        .iter()
                        .map(|&i| {
                            (
                                format!("{} ({} first)", labels[i], share_text(p_first(i))),
                                stats(i).central_weights.clone().unwrap_or_default(),
                            )
                        })
                        .collect(),
                },
            });
        }
    }
    if let Some(c) = world.site_coords() {
        out.push(map_figure(world, r, &c, &labels));
    }
    if let Some((groups, rtt, sla_ms)) = group_rtt(world) {
        let width = (260 + groups.len() as u32 * CELL_W + 140).clamp(640, 1400);
        out.push(Figure {
            name: "latency",
            title: format!(
                "Base-case mean round-trip time, ms{}",
                rows_note(rows.len(), m)
            ),
            caption: format!(
                "User-weighted mean RTT from each site to each user group (base case); \
                 the colour bar marks the {sla_ms:.0} ms SLA."
            ),
            size: (width, 100 + ROW_PX * rows.len() as u32),
            body: Body::Latency {
                labels: rows.iter().map(|&i| labels[i].clone()).collect(),
                groups,
                rtt_ms: rows.iter().map(|&i| rtt[i].clone()).collect(),
                sla_ms,
            },
        });
    }
    out
}

/// Mean base-case RTT from every site to every user group (weights within a group).
fn group_rtt(world: &World) -> Option<(Vec<String>, Vec<Vec<f64>>, f64)> {
    let (l, u) = (world.factors.latency()?, world.factors.users()?);
    let table = (0..world.sites.len())
        .map(|i| {
            let groups = world.factors.group_rtts(i)?;
            Some(groups.iter().map(|g| g.mean_ms).collect())
        })
        .collect::<Option<_>>()?;
    Some((u.names.clone(), table, l.sla_ms))
}

impl Figure {
    /// The figure as an SVG document.
    pub fn svg(&self) -> Result<String, PlotError> {
        fonts();
        let mut s = String::new();
        {
            let root = SVGBackend::with_string(&mut s, self.size).into_drawing_area();
            self.draw(&root).map_err(|e| self.error(e))?;
            root.present().map_err(|e| self.error(e))?;
        }
        Ok(s)
    }

    /// The figure as a PNG image.
    pub fn png(&self) -> Result<Vec<u8>, PlotError> {
        fonts();
        let (w, h) = self.size;
        let mut rgb = vec![0u8; w as usize * h as usize * 3];
        {
            let root = png_backend::Png(BitMapBackend::with_buffer(&mut rgb, self.size))
                .into_drawing_area();
            self.draw(&root).map_err(|e| self.error(e))?;
            root.present().map_err(|e| self.error(e))?;
        }
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        // Deflate level 3: on the benchmark's plots 2.5 % larger than the default level and
        // about half its time, which was most of a short run's wall time.
        enc.set_deflate_compression(png::DeflateCompression::Level(3));
        enc.write_header()
            .and_then(|mut wr| wr.write_image_data(&rgb))
            .map_err(|e| self.error(e))?;
        Ok(out)
    }

    fn error(&self, e: impl std::fmt::Display) -> PlotError {
        PlotError {
            plot: self.name,
            message: e.to_string(),
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        root.fill(&WHITE)?;
        root.draw_text(
            &self.title,
            &font(18).pos(Pos::new(HPos::Center, VPos::Top)),
            (self.size.0 as i32 / 2, 10),
        )?;
        match &self.body {
            Body::Acceptability {
                labels,
                shares,
                bands,
            } => draw_acceptability(root, labels, shares, bands),
            Body::Scores {
                labels,
                boxes,
                base,
            } => draw_scores(root, labels, boxes, base),
            Body::Map(m) => draw_map(root, m),
            Body::Weights {
                criteria,
                model,
                sites,
            } => draw_weights(root, criteria, model, sites),
            Body::Latency {
                labels,
                groups,
                rtt_ms,
                sla_ms,
            } => draw_latency(root, labels, groups, rtt_ms, *sla_ms),
            Body::Tornado {
                labels,
                ends,
                base,
                x_desc,
            } => draw_tornado(root, labels, ends, *base, x_desc),
        }
    }
}

/// A tornado chart: for each input, the result at its low and high end around the base
/// value, widest swing on top. For `dcsite sensitivity`.
pub fn tornado(
    title: &str,
    labels: &[String],
    ends: &[(f64, f64)],
    base: f64,
    x_desc: &str,
) -> Figure {
    let mut idx: Vec<usize> = (0..labels.len().min(ends.len())).collect();
    let swing = |i: usize| (ends[i].1 - ends[i].0).abs();
    idx.sort_by(|&a, &b| swing(b).total_cmp(&swing(a)).then(a.cmp(&b)));
    idx.truncate(MAX_ROWS);
    Figure {
        name: "tornado",
        title: title.to_owned(),
        caption: "The result at the low (blue) and high (orange) end of each input, the \
                  others at their base values; widest swing on top."
            .into(),
        size: (WIDTH, 130 + ROW_PX * idx.len() as u32),
        body: Body::Tornado {
            labels: idx.iter().map(|&i| clip(&labels[i], 40)).collect(),
            ends: idx.iter().map(|&i| ends[i]).collect(),
            base,
            x_desc: x_desc.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::charts::nice_ceil;
    use super::*;

    use plotters::style::{FontStyle, register_font};

    #[test]
    fn embedded_font_is_valid() {
        assert!(register_font("dcsite-test", FontStyle::Normal, FONT).is_ok());
    }

    #[test]
    fn nice_ceil_rounds_up() {
        assert_eq!(nice_ceil(43.0), 50.0);
        assert_eq!(nice_ceil(180.0), 200.0);
        assert_eq!(nice_ceil(220.0), 250.0);
    }

    #[test]
    fn tornado_draws() {
        let f = tornado(
            "Sensitivity",
            &["price".into(), "warming".into()],
            &[(0.4, 0.6), (0.45, 0.5)],
            0.5,
            "score",
        );
        assert!(f.svg().unwrap().contains("price"));
        assert!(f.png().unwrap().starts_with(b"\x89PNG"));
    }
}
