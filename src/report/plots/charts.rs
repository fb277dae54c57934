//! How each figure is drawn: acceptabilities, scores, weights, latency, tornado.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::report::clip;

use super::DrawResult;
use super::*;

pub(super) fn draw_acceptability<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    labels: &[String],
    shares: &[Vec<f64>],
    bands: &[String],
) -> DrawResult<DB> {
    // Single ranks on the palette; the rest of the ranks light grey; the draws that rank no
    // site dark grey.
    let single = bands.iter().filter(|b| b.starts_with("rank ")).count();
    let color = move |b: usize| {
        if bands[b] == super::NO_SITE_RANKED {
            RGBColor(110, 110, 110)
        } else if b >= single {
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

pub(super) fn draw_scores<DB: DrawingBackend>(
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

pub(super) fn diamond((x, y): (i32, i32), r: i32, color: RGBColor) -> Polygon<(i32, i32)> {
    Polygon::new(
        vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
        color.filled(),
    )
}

pub(super) fn draw_weights<DB: DrawingBackend>(
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

pub(super) const CELL_W: u32 = 110;

/// A user group's name as one or two header lines of at most `width` characters: broken
/// after the '-', '_' or ' ' nearest its middle when it is longer, clipped with '…' only
/// when no break leaves both lines short enough.
fn header_lines(name: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() <= width {
        return vec![name.to_owned()];
    }
    let mid = chars.len() as f64 / 2.0;
    let split = (1..chars.len())
        .filter(|&k| matches!(chars[k - 1], '-' | '_' | ' '))
        .filter(|&k| k <= width && chars.len() - k <= width)
        .min_by(|&a, &b| (a as f64 - mid).abs().total_cmp(&(b as f64 - mid).abs()));
    match split {
        Some(k) => vec![
            chars[..k].iter().collect::<String>().trim_end().to_owned(),
            chars[k..].iter().collect(),
        ],
        None => vec![clip(name, width)],
    }
}

pub(super) fn draw_latency<DB: DrawingBackend>(
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
        let lines = header_lines(name, 14);
        for (k, line) in lines.iter().rev().enumerate() {
            root.draw_text(line, &header, (cx, head - 6 - 16 * k as i32))?;
        }
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
pub(super) fn nice_ceil(x: f64) -> f64 {
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

pub(super) fn draw_tornado<DB: DrawingBackend>(
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

pub(super) fn share_text(s: f64) -> String {
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
    use super::header_lines;

    #[test]
    fn long_group_names_break_at_a_separator_near_the_middle() {
        assert_eq!(header_lines("india", 14), ["india"]);
        assert_eq!(header_lines("south-east-asia", 14), ["south-", "east-asia"]);
        assert_eq!(
            header_lines("users in Latin America", 14),
            ["users in", "Latin America"]
        );
        // No separator that leaves both lines short enough: clipped.
        assert_eq!(
            header_lines("southeastasiaandoceania", 14),
            ["southeastasia…"]
        );
        assert_eq!(header_lines("a-bcdefghijklmnopq", 14), ["a-bcdefghijkl…"]);
    }
}
