//! Plots of a run, as SVG and PNG: rank acceptabilities, score distributions, a map of
//! sites and users, central weights, and base-case latency.
//!
//! Drawn with `plotters` and the embedded DejaVu Sans font (`assets/fonts/`, registered
//! through plotters' `ab_glyph` feature), so a PNG looks the same on every machine, with or
//! without system fonts. Coastlines are Natural Earth 1:110m land (`data/world_110m.csv`,
//! public domain). Figures are data first ([`figures`]) and pixels second ([`Figure::svg`],
//! [`Figure::png`]), so the HTML report can inline the SVG without writing files.

mod map;
mod png_backend;

use std::sync::Once;

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};

use super::{clip, ranking_order};
use crate::simulate::Results;
use crate::world::{Draw, World};
use map::{MapData, draw_map, map_figure, portfolio_map_figure};

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
pub fn figures(
    world: &World,
    base: &Draw,
    results: Option<&Results>,
    coords: Option<&[(f64, f64)]>,
) -> Vec<Figure> {
    let labels = site_labels(world);
    let order = ranking_order(world, base, results);
    let rows: Vec<usize> = order.iter().copied().take(MAX_ROWS).collect();
    let m = world.sites.len();
    let mut out = Vec::new();
    if let Some(r) = results.filter(|r| r.acc.draws > 0) {
        let a = &r.acc;
        // Ranks 1..9 each, the rest together: beyond that colours stop being told apart.
        let single = if m <= 10 { m } else { 9 };
        let mut bands: Vec<String> = (1..=single).map(|k| format!("rank {k}")).collect();
        if single < m {
            bands.push(format!("ranks {}–{m}", single + 1));
        }
        let shares = rows
            .iter()
            .map(|&i| {
                let mut v: Vec<f64> = (0..single).map(|k| a.acceptability(i, k)).collect();
                if single < m {
                    v.push((single..m).map(|k| a.acceptability(i, k)).sum());
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
        let q = |i: usize, p: f64| a.score_sketch[i].quantile(p);
        out.push(Figure {
            name: "scores",
            title: format!("Score distributions{}", rows_note(rows.len(), m)),
            caption: "Each site's score over the draws: box p25–p75, line median, \
                      whiskers p05–p95; the diamond is the base case."
                .into(),
            size: (WIDTH, 130 + ROW_PX * rows.len() as u32),
            body: Body::Scores {
                labels: rows.iter().map(|&i| labels[i].clone()).collect(),
                boxes: rows
                    .iter()
                    .map(|&i| [q(i, 0.05), q(i, 0.25), q(i, 0.5), q(i, 0.75), q(i, 0.95)])
                    .collect(),
                base: rows.iter().map(|&i| base.scores[i]).collect(),
            },
        });
        let mut firsts: Vec<usize> = (0..m).filter(|&i| a.acceptability(i, 0) > 0.0).collect();
        firsts.sort_by(|&x, &y| {
            a.acceptability(y, 0)
                .total_cmp(&a.acceptability(x, 0))
                .then(x.cmp(&y))
        });
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
                                format!(
                                    "{} ({} first)",
                                    labels[i],
                                    share_text(a.acceptability(i, 0))
                                ),
                                a.central_weights(i),
                            )
                        })
                        .collect(),
                },
            });
        }
    }
    if let Some(c) = coords {
        out.push(map_figure(world, base, results, c, &labels));
    }
    if let Some((groups, rtt, sla_ms)) = group_rtt(world) {
        let width = (260 + groups.len() as u32 * CELL_W + 140).clamp(640, 1400);
        out.push(Figure {
            name: "latency",
            title: format!("Base-case round-trip time, ms{}", rows_note(rows.len(), m)),
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
    let mut rtt = vec![0.0; u.points.len()];
    let rf = l.route_factor.central();
    let table = (0..world.sites.len())
        .map(|i| {
            l.rtts(i, rf, &mut rtt);
            let mut mean = vec![0.0; u.names.len()];
            let mut weight = vec![0.0; u.names.len()];
            for (p, &r) in u.points.iter().zip(&rtt) {
                mean[p.group] += p.weight * r;
                weight[p.group] += p.weight;
            }
            mean.iter()
                .zip(&weight)
                .map(|(m, w)| if *w > 0.0 { m / w } else { f64::NAN })
                .collect()
        })
        .collect();
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

fn font(size: u32) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&BLACK)
}

/// Viridis, interpolated between nine of its colours; `t` in [0, 1].
fn viridis(t: f64) -> RGBColor {
    const C: [(u8, u8, u8); 9] = [
        (68, 1, 84),
        (72, 36, 117),
        (59, 82, 139),
        (44, 114, 142),
        (33, 145, 140),
        (39, 173, 129),
        (94, 201, 98),
        (170, 220, 50),
        (253, 231, 37),
    ];
    ramp(&C, t)
}

/// ColorBrewer RdYlBu reversed (dark blue → yellow → dark red), for ranks best to worst;
/// `t` in [0, 1].
fn rd_yl_bu(t: f64) -> RGBColor {
    const C: [(u8, u8, u8); 11] = [
        (49, 54, 149),
        (69, 117, 180),
        (116, 173, 209),
        (171, 217, 233),
        (224, 243, 248),
        (255, 255, 191),
        (254, 224, 144),
        (253, 174, 97),
        (244, 109, 67),
        (215, 48, 39),
        (165, 0, 38),
    ];
    ramp(&C, t)
}

/// ColorBrewer YlOrRd (light yellow → dark red); `t` in [0, 1].
fn yl_or_rd(t: f64) -> RGBColor {
    const C: [(u8, u8, u8); 6] = [
        (255, 255, 204),
        (254, 217, 118),
        (253, 141, 60),
        (240, 59, 32),
        (189, 0, 38),
        (128, 0, 38),
    ];
    ramp(&C, t)
}

fn ramp(c: &[(u8, u8, u8)], t: f64) -> RGBColor {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = t * (c.len() - 1) as f64;
    let k = (x.floor() as usize).min(c.len() - 2);
    let f = x - k as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
    RGBColor(
        mix(c[k].0, c[k + 1].0),
        mix(c[k].1, c[k + 1].1),
        mix(c[k].2, c[k + 1].2),
    )
}

fn is_dark(c: RGBColor) -> bool {
    0.299 * f64::from(c.0) + 0.587 * f64::from(c.1) + 0.114 * f64::from(c.2) < 140.0
}

/// Tableau 10, for categories.
const CATEGORICAL: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

fn text_width<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    texts: &[String],
    style: &TextStyle,
) -> Result<u32, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut w = 0;
    for t in texts {
        w = w.max(root.estimate_text_size(t, style)?.0);
    }
    Ok(w)
}

/// Legend entries left to right from (x, y), wrapping at the right edge; each entry is a
/// swatch drawn by `swatch` and a text. Returns the y below the legend.
fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[String],
    (x0, y0): (i32, i32),
    swatch: &Swatch<'_, DB>,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let style = font(13).pos(Pos::new(HPos::Left, VPos::Center));
    let right = root.dim_in_pixel().0 as i32 - 20;
    let (mut x, mut y) = (x0, y0);
    for (k, e) in entries.iter().enumerate() {
        let w = root.estimate_text_size(e, &style)?.0 as i32 + 34;
        if x + w > right && x > x0 {
            x = x0;
            y += 20;
        }
        swatch(root, k, (x, y))?;
        root.draw_text(e, &style, (x + 20, y))?;
        x += w;
    }
    Ok(y + 16)
}

fn swatch_box<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    color: RGBColor,
    (x, y): (i32, i32),
) -> DrawResult<DB> {
    root.draw(&Rectangle::new(
        [(x, y - 6), (x + 14, y + 7)],
        color.filled(),
    ))?;
    root.draw(&Rectangle::new(
        [(x, y - 6), (x + 14, y + 7)],
        BLACK.mix(0.4).stroke_width(1),
    ))
}

/// A chart with one row per label (top to bottom) over a numeric x range, below a legend
/// that ends at `top`. Draws the axes, the x grid and the row labels; `rows` draws each row
/// given the chart and the row's y centre (row i at y = n − i − 0.5).
fn row_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    top: i32,
    labels: &[String],
    x: (f64, f64),
    x_desc: &str,
    x_fmt: &dyn Fn(&f64) -> String,
    rows: &mut RowDrawer<'_, DB>,
) -> DrawResult<DB> {
    let n = labels.len();
    let label_style = font(13).pos(Pos::new(HPos::Right, VPos::Center));
    let label_w = text_width(root, labels, &label_style)? + 16;
    let (_, area) = root.split_vertically(top);
    let mut chart = ChartBuilder::on(&area)
        .margin_right(30)
        .margin_top(4)
        .margin_bottom(8)
        .x_label_area_size(44)
        .y_label_area_size(label_w)
        .build_cartesian_2d(x.0..x.1, 0.0..n as f64)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(11)
        .x_label_formatter(x_fmt)
        .x_desc(x_desc)
        .label_style(font(12))
        .axis_desc_style(font(13))
        .bold_line_style(BLACK.mix(0.12))
        .light_line_style(TRANSPARENT)
        .draw()?;
    for (i, l) in labels.iter().enumerate() {
        let yc = (n - i) as f64 - 0.5;
        rows(&mut chart, i, yc)?;
        let (px, py) = chart.backend_coord(&(x.0, yc));
        root.draw_text(l, &label_style, (px - 8, py))?;
    }
    Ok(())
}

fn draw_acceptability<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    labels: &[String],
    shares: &[Vec<f64>],
    bands: &[String],
) -> DrawResult<DB> {
    let k = bands.len();
    let single = if bands.last().is_some_and(|b| b.starts_with("ranks")) {
        k - 1
    } else {
        k
    };
    let color = move |b: usize| {
        if b >= single {
            RGBColor(215, 215, 215)
        } else {
            rd_yl_bu(b as f64 / (single.max(2) - 1) as f64)
        }
    };
    let top = legend(root, bands, (80, 46), &|r, b, p| swatch_box(r, color(b), p))? + 6;
    let pct = |x: &f64| format!("{:.0}%", x * 100.0);
    row_chart(
        root,
        top,
        labels,
        (0.0, 1.0),
        "share of draws",
        &pct,
        &mut |chart, i, yc| {
            let mut x = 0.0;
            for (b, &s) in shares[i].iter().enumerate() {
                if s > 0.0 {
                    chart.draw_series(std::iter::once(Rectangle::new(
                        [(x, yc - 0.38), ((x + s).min(1.0), yc + 0.38)],
                        color(b).filled(),
                    )))?;
                }
                x += s;
            }
            let p1 = shares[i][0];
            let (a, _) = chart.backend_coord(&(0.0, yc));
            let (b, _) = chart.backend_coord(&(p1, yc));
            if p1 > 0.0 && b - a >= 40 {
                let c = if is_dark(color(0)) { WHITE } else { BLACK };
                chart.draw_series(std::iter::once(Text::new(
                    format!("{:.0}%", p1 * 100.0),
                    (p1 / 2.0, yc),
                    font(12).color(&c).pos(Pos::new(HPos::Center, VPos::Center)),
                )))?;
            }
            Ok(())
        },
    )
}

fn draw_scores<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    labels: &[String],
    boxes: &[[f64; 5]],
    base: &[f64],
) -> DrawResult<DB> {
    let (lo, hi) = boxes
        .iter()
        .flatten()
        .chain(base)
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
    let pad = ((hi - lo) * 0.05).max(0.01);
    let fill = RGBColor(158, 202, 225);
    let line = RGBColor(33, 82, 140);
    let red = RGBColor(214, 39, 40);
    let entries = [
        "p25–p75".to_owned(),
        "median".to_owned(),
        "p05–p95".to_owned(),
        "base case".to_owned(),
    ];
    let top = legend(root, &entries, (80, 46), &|r, k, (x, y)| match k {
        0 => swatch_box(r, fill, (x, y)),
        1 => r.draw(&PathElement::new(
            [(x + 7, y - 7), (x + 7, y + 7)],
            line.stroke_width(3),
        )),
        2 => r.draw(&PathElement::new(
            [(x, y), (x + 14, y)],
            line.stroke_width(1),
        )),
        _ => r.draw(&diamond((x + 7, y), 6, red)),
    })? + 6;
    let fmt = |x: &f64| format!("{x:.2}");
    row_chart(
        root,
        top,
        labels,
        (lo - pad, hi + pad),
        "score",
        &fmt,
        &mut |chart, i, yc| {
            let [p05, p25, p50, p75, p95] = boxes[i];
            let h = 0.3;
            chart.draw_series([
                PathElement::new([(p05, yc), (p25, yc)], line.stroke_width(1)),
                PathElement::new([(p75, yc), (p95, yc)], line.stroke_width(1)),
                PathElement::new(
                    [(p05, yc - h / 2.0), (p05, yc + h / 2.0)],
                    line.stroke_width(1),
                ),
                PathElement::new(
                    [(p95, yc - h / 2.0), (p95, yc + h / 2.0)],
                    line.stroke_width(1),
                ),
            ])?;
            chart.draw_series([
                Rectangle::new([(p25, yc - h), (p75, yc + h)], fill.filled()),
                Rectangle::new([(p25, yc - h), (p75, yc + h)], line.stroke_width(1)),
            ])?;
            chart.draw_series(std::iter::once(PathElement::new(
                [(p50, yc - h), (p50, yc + h)],
                line.stroke_width(3),
            )))?;
            if base[i].is_finite() {
                let p = chart.backend_coord(&(base[i], yc));
                root.draw(&diamond(p, 5, red))?;
            }
            Ok(())
        },
    )
}

fn diamond((x, y): (i32, i32), r: i32, color: RGBColor) -> Polygon<(i32, i32)> {
    Polygon::new(
        vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
        color.filled(),
    )
}

fn draw_weights<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    criteria: &[String],
    model: &[f64],
    sites: &[(String, Vec<f64>)],
) -> DrawResult<DB> {
    let k = sites.len();
    let mut entries: Vec<String> = sites.iter().map(|s| s.0.clone()).collect();
    entries.push("model weight".into());
    let top = legend(root, &entries, (80, 46), &|r, s, (x, y)| {
        if s < k {
            swatch_box(r, CATEGORICAL[s % 10], (x, y))
        } else {
            r.draw(&PathElement::new(
                [(x + 7, y - 8), (x + 7, y + 8)],
                BLACK.stroke_width(2),
            ))
        }
    })? + 6;
    let max = sites
        .iter()
        .flat_map(|s| s.1.iter())
        .chain(model)
        .fold(0.0f64, |a, &b| a.max(b));
    let x1 = ((max * 1.1) * 20.0).ceil() / 20.0;
    let pct = |x: &f64| format!("{:.0}%", x * 100.0);
    row_chart(
        root,
        top,
        criteria,
        (0.0, x1.max(0.05)),
        "weight",
        &pct,
        &mut |chart, j, yc| {
            let band = 0.8 / k as f64;
            for (s, (_, w)) in sites.iter().enumerate() {
                let y1 = yc + 0.4 - band * s as f64;
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y1 - band * 0.92), (w[j], y1)],
                    CATEGORICAL[s % 10].filled(),
                )))?;
            }
            chart.draw_series(std::iter::once(PathElement::new(
                [(model[j], yc - 0.45), (model[j], yc + 0.45)],
                BLACK.stroke_width(2),
            )))?;
            Ok(())
        },
    )
}

const CELL_W: u32 = 110;

fn draw_latency<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    labels: &[String],
    groups: &[String],
    rtt_ms: &[Vec<f64>],
    sla_ms: f64,
) -> DrawResult<DB> {
    let (w, _) = root.dim_in_pixel();
    let label_style = font(13).pos(Pos::new(HPos::Right, VPos::Center));
    let label_w = text_width(root, labels, &label_style)? as i32 + 16;
    let max = rtt_ms
        .iter()
        .flatten()
        .filter(|v| v.is_finite())
        .fold(sla_ms, |a, &b| a.max(b));
    let vmax = nice_ceil(max);
    let head = 52 + ROW_PX as i32;
    let grid_w = groups.len() as i32 * CELL_W as i32;
    // Centre the grid and its colour bar in the figure.
    let x0 = ((w as i32 - (label_w + grid_w + 110)) / 2).max(10) + label_w;
    let header = font(13).pos(Pos::new(HPos::Center, VPos::Bottom));
    for (g, name) in groups.iter().enumerate() {
        let cx = x0 + g as i32 * CELL_W as i32 + CELL_W as i32 / 2;
        root.draw_text(&clip(name, 14), &header, (cx, head - 6))?;
    }
    for (i, l) in labels.iter().enumerate() {
        let y = head + i as i32 * ROW_PX as i32;
        root.draw_text(l, &label_style, (x0 - 8, y + ROW_PX as i32 / 2))?;
        for (g, &v) in rtt_ms[i].iter().enumerate() {
            let x = x0 + g as i32 * CELL_W as i32;
            let c = if v.is_finite() {
                yl_or_rd(v / vmax)
            } else {
                RGBColor(230, 230, 230)
            };
            root.draw(&Rectangle::new(
                [(x, y), (x + CELL_W as i32, y + ROW_PX as i32)],
                c.filled(),
            ))?;
            root.draw(&Rectangle::new(
                [(x, y), (x + CELL_W as i32, y + ROW_PX as i32)],
                WHITE.stroke_width(1),
            ))?;
            let text = if v.is_finite() {
                format!("{v:.0}")
            } else {
                "–".into()
            };
            let tc = if is_dark(c) { WHITE } else { BLACK };
            root.draw_text(
                &text,
                &font(12)
                    .color(&tc)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
                (x + CELL_W as i32 / 2, y + ROW_PX as i32 / 2),
            )?;
        }
    }
    // Colour bar with the SLA marked.
    let bx = x0 + grid_w + 30;
    let bh = (labels.len() as i32 * ROW_PX as i32).clamp(120, 320);
    let steps = 64;
    for s in 0..steps {
        let t0 = s as f64 / steps as f64;
        let ya = head + bh - (bh * s / steps);
        let yb = head + bh - (bh * (s + 1) / steps);
        root.draw(&Rectangle::new(
            [(bx, yb), (bx + 16, ya)],
            yl_or_rd(t0 + 0.5 / steps as f64).filled(),
        ))?;
    }
    root.draw(&Rectangle::new(
        [(bx, head), (bx + 16, head + bh)],
        BLACK.mix(0.5).stroke_width(1),
    ))?;
    let tick = font(11).pos(Pos::new(HPos::Left, VPos::Center));
    for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let y = head + bh - (f64::from(bh) * t).round() as i32;
        root.draw_text(&format!("{:.0}", vmax * t), &tick, (bx + 22, y))?;
    }
    let ys = head + bh - (f64::from(bh) * sla_ms / vmax).round() as i32;
    root.draw(&PathElement::new(
        [(bx - 4, ys), (bx + 20, ys)],
        BLACK.stroke_width(2),
    ))?;
    root.draw_text(
        "SLA",
        &font(11).pos(Pos::new(HPos::Right, VPos::Center)),
        (bx - 6, ys),
    )?;
    root.draw_text(
        "ms",
        &font(11).pos(Pos::new(HPos::Left, VPos::Bottom)),
        (bx, head - 6),
    )
}

/// The next of 1, 2, 2.5, 5 × 10^k at or above `x`.
fn nice_ceil(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|&v| v >= x)
        .unwrap_or(10.0 * p)
}

fn draw_tornado<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    labels: &[String],
    ends: &[(f64, f64)],
    base: f64,
    x_desc: &str,
) -> DrawResult<DB> {
    let low = RGBColor(31, 119, 180);
    let high = RGBColor(255, 127, 14);
    // Sensitivity sweeps each weight from 0 (low end) to 1 (high end).
    let entries = ["weight 0".to_owned(), "weight 1".to_owned()];
    let top = legend(root, &entries, (80, 46), &|r, k, p| {
        swatch_box(r, if k == 0 { low } else { high }, p)
    })? + 6;
    let (lo, hi) = ends
        .iter()
        .flat_map(|&(a, b)| [a, b])
        .filter(|v| v.is_finite())
        .fold((base, base), |(a, b), v| (a.min(v), b.max(v)));
    let pad = ((hi - lo) * 0.05).max(1e-9);
    let fmt = |x: &f64| format!("{x:.3}");
    row_chart(
        root,
        top,
        labels,
        (lo - pad, hi + pad),
        x_desc,
        &fmt,
        &mut |chart, i, yc| {
            let (a, b) = ends[i];
            for (v, c) in [(a, low), (b, high)] {
                if v.is_finite() {
                    chart.draw_series(std::iter::once(Rectangle::new(
                        [(base, yc - 0.35), (v, yc + 0.35)],
                        c.filled(),
                    )))?;
                }
            }
            chart.draw_series(std::iter::once(PathElement::new(
                [(base, yc - 0.5), (base, yc + 0.5)],
                BLACK.stroke_width(1),
            )))?;
            Ok(())
        },
    )
}

fn share_text(s: f64) -> String {
    let p = s * 100.0;
    if p >= 10.0 {
        format!("{p:.0}%")
    } else if p >= 1.0 {
        format!("{p:.1}%")
    } else {
        format!("{p:.2}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
