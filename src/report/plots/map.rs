//! The map: candidate sites coloured by how often they rank first, user population points
//! sized by weight, over Natural Earth 1:110m coastlines (`data/world_110m.csv`, public
//! domain) in an equirectangular projection fitted to the points.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Body, DrawResult, Figure, WIDTH, font, share_text, viridis};
use crate::results::Results;
use crate::world::World;

static WORLD_110M: &str = include_str!("../../../data/world_110m.csv");

#[derive(Debug, Clone)]
pub(super) struct MapData {
    /// lon, lat, colour value (None: never first), label.
    sites: Vec<(f64, f64, Option<f64>, String)>,
    /// Per site: infeasible in every draw (or in the base case without draws), drawn as a
    /// cross rather than a hollow circle.
    never_feasible: Vec<bool>,
    /// lon, lat, weight.
    users: Vec<(f64, f64, f64)>,
    lon: (f64, f64),
    lat: (f64, f64),
    /// Colour scale: its name and range (P(first) from 0, base scores from the lowest).
    value_name: String,
    value_range: (f64, f64),
    /// Sites to label, indices into `sites`, best first.
    labelled: Vec<usize>,
}

pub(super) fn map_figure(
    world: &World,
    r: &Results,
    coords: &[(f64, f64)],
    labels: &[String],
) -> Figure {
    let mc = r.monte_carlo.as_ref();
    let value = |i: usize| match &r.sites[i].stats {
        Some(st) => Some(st.p_first).filter(|&p| p > 0.0),
        None => r.sites[i].base.feasible.then_some(r.sites[i].base.score),
    };
    let never_feasible = (0..r.sites.len())
        .map(|i| match &r.sites[i].stats {
            Some(st) => st.feasible_share == 0.0,
            None => !r.sites[i].base.feasible,
        })
        .collect();
    let sites: Vec<(f64, f64, Option<f64>, String)> = coords
        .iter()
        .enumerate()
        .map(|(i, &(lat, lon))| (lon, lat, value(i), labels[i].clone()))
        .collect();
    let users = user_points(world);
    let order = &r.order;
    let labelled: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| sites[i].2.is_some())
        .take(6)
        .collect();
    let (lo, hi) = sites
        .iter()
        .filter_map(|s| s.2)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
    let value_range = match (mc, lo.is_finite()) {
        (Some(_), _) => (0.0, hi.max(1e-9)),
        (None, true) if hi - lo > 1e-9 => (lo, hi),
        (None, true) => (lo - 0.5, lo + 0.5),
        (None, false) => (0.0, 1.0),
    };
    let (lon, lat, height) = extent_of(&sites, &users);
    Figure {
        name: "map",
        title: "Candidate sites and users".into(),
        caption: if mc.is_some() {
            "Sites coloured by the share of draws in which they rank first (hollow: never \
             first; a cross: never feasible); the six first most often are labelled; blue \
             dots are user population points, sized by weight."
        } else {
            "Sites coloured by base-case score (a cross: infeasible); blue dots are user \
             population points, sized by weight."
        }
        .into(),
        size: (WIDTH, height + MAP_TOP + MAP_BOTTOM),
        body: Body::Map(MapData {
            sites,
            never_feasible,
            users,
            lon,
            lat,
            value_name: if mc.is_some() {
                "P(first)"
            } else {
                "base score"
            }
            .into(),
            value_range,
            labelled,
        }),
    }
}

/// The map of a portfolio: chosen sites coloured by the share of users they serve, the other
/// candidates hollow, user points sized by weight.
pub(super) fn portfolio_map_figure(
    world: &World,
    coords: &[(f64, f64)],
    labels: &[String],
    served: &[f64],
    k: usize,
) -> Figure {
    let sites: Vec<(f64, f64, Option<f64>, String)> = coords
        .iter()
        .enumerate()
        .map(|(i, &(lat, lon))| {
            (
                lon,
                lat,
                Some(served[i]).filter(|&s| s > 0.0),
                labels[i].clone(),
            )
        })
        .collect();
    let users = user_points(world);
    let mut labelled: Vec<usize> = (0..sites.len()).filter(|&i| served[i] > 0.0).collect();
    labelled.sort_by(|&a, &b| served[b].total_cmp(&served[a]).then(a.cmp(&b)));
    let hi = served.iter().copied().fold(0.0f64, f64::max);
    let (lon, lat, height) = extent_of(&sites, &users);
    Figure {
        name: "portfolio_map",
        title: format!("Best portfolio of at most {k} sites"),
        caption: "Chosen sites coloured by the share of users they serve (hollow: not chosen); \
                  blue dots are user population points, sized by weight."
            .into(),
        size: (WIDTH, height + MAP_TOP + MAP_BOTTOM),
        body: Body::Map(MapData {
            never_feasible: vec![false; sites.len()],
            sites,
            users,
            lon,
            lat,
            value_name: "users served".into(),
            value_range: (0.0, hi.max(1e-9)),
            labelled,
        }),
    }
}

/// User points with positive weight: lon, lat, share of all users.
fn user_points(world: &World) -> Vec<(f64, f64, f64)> {
    world.factors.users().map_or_else(Vec::new, |u| {
        u.points
            .iter()
            .map(|p| (p.lon, p.lat, u.shares[p.group] * p.weight))
            .filter(|p| p.2 > 0.0)
            .collect()
    })
}

/// The map's extent holding every site and user point.
fn extent_of(
    sites: &[(f64, f64, Option<f64>, String)],
    users: &[(f64, f64, f64)],
) -> ((f64, f64), (f64, f64), u32) {
    let pts: Vec<(f64, f64)> = sites
        .iter()
        .map(|s| (s.0, s.1))
        .chain(users.iter().map(|u| (u.0, u.1)))
        .collect();
    map_extent(&pts)
}

const MAP_TOP: u32 = 40;
const MAP_BOTTOM: u32 = 40;
const MAP_LEFT: u32 = 60;
const MAP_LEGEND: u32 = 170;

/// Lon and lat ranges holding every point with a margin, widened to the plot's aspect
/// (equirectangular, x scaled by cos(mid-latitude)), and the plot height in pixels.
fn map_extent(pts: &[(f64, f64)]) -> ((f64, f64), (f64, f64), u32) {
    let plot_w = f64::from(WIDTH - MAP_LEFT - MAP_LEGEND - 20);
    let (mut x0, mut x1, mut y0, mut y1) = pts.iter().fold(
        (
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ),
        |(a, b, c, d), &(x, y)| (a.min(x), b.max(x), c.min(y), d.max(y)),
    );
    if !x0.is_finite() {
        (x0, x1, y0, y1) = (-180.0, 180.0, -58.0, 84.0);
    }
    let pad = |lo: f64, hi: f64, min_span: f64| {
        let span = (hi - lo).max(min_span);
        let mid = (lo + hi) / 2.0;
        (mid - span * 0.58, mid + span * 0.58)
    };
    (x0, x1) = pad(x0, x1, 24.0);
    (y0, y1) = pad(y0, y1, 14.0);
    let fit = |lo: f64, hi: f64, min: f64, max: f64| {
        let span = (hi - lo).min(max - min);
        let lo = lo.max(min).min(max - span);
        (lo, lo + span)
    };
    (x0, x1) = fit(x0, x1, -180.0, 180.0);
    (y0, y1) = fit(y0, y1, -58.0, 84.0);
    let kx = ((y0 + y1) / 2.0).to_radians().cos();
    let px_per_deg = plot_w / ((x1 - x0) * kx);
    let mut height = (y1 - y0) * px_per_deg;
    if height > 620.0 {
        // Too tall: widen the longitudes to keep the height.
        height = 620.0;
        let want = (y1 - y0) * plot_w / height / kx;
        let mid = (x0 + x1) / 2.0;
        (x0, x1) = fit(mid - want / 2.0, mid + want / 2.0, -180.0, 180.0);
        height = (y1 - y0) * plot_w / ((x1 - x0) * kx);
    } else if height < 320.0 {
        // Too flat: add latitudes.
        height = 320.0;
        let want = height / px_per_deg;
        let mid = (y0 + y1) / 2.0;
        (y0, y1) = fit(mid - want / 2.0, mid + want / 2.0, -58.0, 84.0);
        height = (y1 - y0) * px_per_deg;
    }
    ((x0, x1), (y0, y1), height.round() as u32)
}

/// Coastline rings (lon, lat) of the embedded Natural Earth 1:110m land.
fn world_rings() -> Vec<Vec<(f64, f64)>> {
    let mut rings: Vec<Vec<(f64, f64)>> = Vec::new();
    for line in WORLD_110M.lines().skip(1) {
        let mut it = line.split(',');
        let (Some(id), Some(lon), Some(lat)) = (it.next(), it.next(), it.next()) else {
            continue;
        };
        let (Ok(id), Ok(lon), Ok(lat)) = (id.parse::<usize>(), lon.parse(), lat.parse()) else {
            continue;
        };
        if rings.len() <= id {
            rings.resize_with(id + 1, Vec::new);
        }
        rings[id].push((lon, lat));
    }
    rings
}

/// Sutherland–Hodgman: the part of a polygon inside the rectangle.
fn clip_polygon(poly: &[(f64, f64)], x: (f64, f64), y: (f64, f64)) -> Vec<(f64, f64)> {
    let edges: [(usize, f64, bool); 4] = [
        (0, x.0, true),
        (0, x.1, false),
        (1, y.0, true),
        (1, y.1, false),
    ];
    let mut out = poly.to_vec();
    for (axis, bound, keep_above) in edges {
        let inside = |p: (f64, f64)| {
            let v = if axis == 0 { p.0 } else { p.1 };
            if keep_above { v >= bound } else { v <= bound }
        };
        let cross = |a: (f64, f64), b: (f64, f64)| {
            let (va, vb) = if axis == 0 { (a.0, b.0) } else { (a.1, b.1) };
            let t = (bound - va) / (vb - va);
            (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))
        };
        let input = std::mem::take(&mut out);
        for (k, &cur) in input.iter().enumerate() {
            let prev = input[(k + input.len() - 1) % input.len()];
            match (inside(prev), inside(cur)) {
                (true, true) => out.push(cur),
                (true, false) => out.push(cross(prev, cur)),
                (false, true) => {
                    out.push(cross(prev, cur));
                    out.push(cur);
                }
                (false, false) => {}
            }
        }
        if out.is_empty() {
            break;
        }
    }
    out
}

/// Liang–Barsky: the pieces of a closed ring's outline inside the rectangle.
fn clip_outline(ring: &[(f64, f64)], x: (f64, f64), y: (f64, f64)) -> Vec<Vec<(f64, f64)>> {
    let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    for w in ring.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        let mut visible = true;
        for (p, q) in [
            (-dx, a.0 - x.0),
            (dx, x.1 - a.0),
            (-dy, a.1 - y.0),
            (dy, y.1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    visible = false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        if !visible || t0 > t1 {
            if cur.len() > 1 {
                pieces.push(std::mem::take(&mut cur));
            }
            cur.clear();
            continue;
        }
        let pa = (a.0 + t0 * dx, a.1 + t0 * dy);
        let pb = (a.0 + t1 * dx, a.1 + t1 * dy);
        if cur.is_empty() || t0 > 0.0 {
            if cur.len() > 1 {
                pieces.push(std::mem::take(&mut cur));
            }
            cur = vec![pa];
        }
        cur.push(pb);
        if t1 < 1.0 {
            pieces.push(std::mem::take(&mut cur));
        }
    }
    if cur.len() > 1 {
        pieces.push(cur);
    }
    pieces
}

/// Per site: a marker without colour (never first or never feasible) whose centre lies
/// within a coloured marker's radius (7 px) of pixel positions `at`, which that marker would
/// hide if drawn over it.
fn hidden_under_coloured(
    sites: &[(f64, f64, Option<f64>, String)],
    at: &[(i32, i32)],
) -> Vec<bool> {
    sites
        .iter()
        .zip(at)
        .map(|(s, &(x, y))| {
            s.2.is_none()
                && sites.iter().zip(at).any(|(o, &(cx, cy))| {
                    o.2.is_some() && (cx - x).pow(2) + (cy - y).pow(2) < 7 * 7
                })
        })
        .collect()
}

/// A pixel box: left, top, right, bottom.
type PixelBox = (i32, i32, i32, i32);

/// The boxes of the sites' markers that labels must not cover: the coloured circles (first)
/// and the hollow circles and crosses of the sites never first or never feasible (second).
/// A label avoids both where it can, and covers a hollow or crossed marker only where no
/// other place is free (it hid that site: in the Apple example Ulanqab's label covered
/// Zhangbei).
fn marker_boxes(
    sites: &[(f64, f64, Option<f64>, String)],
    at: impl Fn(f64, f64) -> (i32, i32),
) -> (Vec<PixelBox>, Vec<PixelBox>) {
    let (coloured, other): (Vec<_>, Vec<_>) = sites.iter().partition(|s| s.2.is_some());
    let boxes = |v: Vec<&(f64, f64, Option<f64>, String)>| -> Vec<PixelBox> {
        v.into_iter()
            .map(|s| {
                let (x, y) = at(s.0, s.1);
                (x - 7, y - 7, x + 8, y + 8)
            })
            .collect()
    };
    (boxes(coloured), boxes(other))
}

/// Where to put a label of size `(tw, th)` for the marker at `(x, y)`: the first of eight
/// places around it that lies inside `frame` and overlaps no box of `hard` or `soft`, else
/// the first that overlaps none of `hard`.
fn label_spot(
    (x, y): (i32, i32),
    (tw, th): (i32, i32),
    hard: &[PixelBox],
    soft: &[PixelBox],
    (px0, py0, px1, py1): PixelBox,
) -> Option<(i32, i32)> {
    let candidates = [
        (x + 10, y - th / 2),
        (x - 10 - tw, y - th / 2),
        (x - tw / 2, y - 10 - th),
        (x - tw / 2, y + 10),
        (x + 8, y - th - 6),
        (x + 8, y + 6),
        (x - 8 - tw, y - th - 6),
        (x - 8 - tw, y + 6),
    ];
    let free = |(bx, by): (i32, i32), boxes: &[PixelBox]| {
        boxes
            .iter()
            .all(|&(a, b, c, d)| bx + tw <= a || bx >= c || by + th <= b || by >= d)
    };
    let inside = |(bx, by): (i32, i32)| bx >= px0 && by >= py0 && bx + tw <= px1 && by + th <= py1;
    let ok = candidates
        .into_iter()
        .filter(|&p| inside(p) && free(p, hard))
        .collect::<Vec<_>>();
    ok.iter()
        .copied()
        .find(|&p| free(p, soft))
        .or_else(|| ok.first().copied())
}

pub(super) fn draw_map<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    m: &MapData,
) -> DrawResult<DB> {
    let (w, h) = root.dim_in_pixel();
    let (main, side) = root.split_horizontally(w - MAP_LEGEND);
    let deg = |v: f64, pos: char, neg: char| {
        if v.abs() < 1e-9 {
            "0°".to_owned()
        } else {
            format!("{:.0}°{}", v.abs(), if v > 0.0 { pos } else { neg })
        }
    };
    let mut chart = ChartBuilder::on(&main)
        .margin_top(MAP_TOP)
        .margin_right(20)
        .x_label_area_size(MAP_BOTTOM)
        .y_label_area_size(MAP_LEFT)
        .build_cartesian_2d(m.lon.0..m.lon.1, m.lat.0..m.lat.1)?;
    let sea = RGBColor(223, 236, 245);
    let land = RGBColor(238, 236, 226);
    chart.plotting_area().fill(&sea)?;
    // Rings that cross the antimeridian run past ±180°: draw each also a turn east and west.
    let mut rings = Vec::new();
    for ring in world_rings() {
        let (lo, hi) = ring
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
                (a.min(p.0), b.max(p.0))
            });
        for shift in [-360.0, 0.0, 360.0] {
            if hi + shift >= m.lon.0 && lo + shift <= m.lon.1 {
                rings.push(
                    ring.iter()
                        .map(|&(x, y)| (x + shift, y))
                        .collect::<Vec<_>>(),
                );
            }
        }
    }
    for ring in &rings {
        let p = clip_polygon(ring, m.lon, m.lat);
        if p.len() >= 3 {
            chart.draw_series(std::iter::once(Polygon::new(p, land.filled())))?;
        }
    }
    for ring in &rings {
        for piece in clip_outline(ring, m.lon, m.lat) {
            chart.draw_series(std::iter::once(PathElement::new(
                piece,
                RGBColor(150, 150, 140).stroke_width(1),
            )))?;
        }
    }
    let ew = |v: &f64| deg(*v, 'E', 'W');
    let ns = |v: &f64| deg(*v, 'N', 'S');
    chart
        .configure_mesh()
        .x_label_formatter(&ew)
        .y_label_formatter(&ns)
        .label_style(font(12))
        .bold_line_style(BLACK.mix(0.08))
        .light_line_style(TRANSPARENT)
        .draw()?;
    let users_max = m.users.iter().fold(0.0f64, |a, u| a.max(u.2));
    let user_color = RGBColor(31, 119, 180);
    let user_r = |wt: f64| (2.0 + 10.0 * (wt / users_max).sqrt()).round() as i32;
    let inside =
        |lon: f64, lat: f64| lon >= m.lon.0 && lon <= m.lon.1 && lat >= m.lat.0 && lat <= m.lat.1;
    // Largest first, so small points stay visible on top.
    let mut users: Vec<&(f64, f64, f64)> = m.users.iter().collect();
    users.sort_by(|a, b| b.2.total_cmp(&a.2));
    chart.draw_series(
        users
            .iter()
            .filter(|u| inside(u.0, u.1))
            .map(|u| Circle::new((u.0, u.1), user_r(u.2), user_color.mix(0.35).filled())),
    )?;
    let (v0, v1) = m.value_range;
    let site_color = |v: f64| viridis((v - v0) / (v1 - v0));
    // Never-first sites first, so coloured ones lie on top; then the never-first sites that
    // a coloured marker would hide (Shenzhen under Hong Kong, 26 km apart), smaller, on top.
    let at: Vec<(i32, i32)> = m
        .sites
        .iter()
        .map(|s| chart.backend_coord(&(s.0, s.1)))
        .collect();
    let hidden = hidden_under_coloured(&m.sites, &at);
    for pass in 0..3 {
        for ((s, &never), &hidden) in m.sites.iter().zip(&m.never_feasible).zip(&hidden) {
            let in_pass = match pass {
                0 => s.2.is_none() && !hidden,
                1 => s.2.is_some(),
                _ => hidden,
            };
            if !in_pass {
                continue;
            }
            // On top of a coloured marker: smaller, so both show.
            let (r, c) = if pass == 2 { (3, 3) } else { (5, 4) };
            match s.2 {
                Some(v) => {
                    chart.draw_series([
                        Circle::new((s.0, s.1), 7, site_color(v).filled()),
                        Circle::new((s.0, s.1), 7, BLACK.stroke_width(1)),
                    ])?;
                }
                None if never => {
                    // A grey cross: never feasible, not merely never first.
                    let grey = RGBColor(90, 90, 90).stroke_width(2);
                    chart.draw_series(std::iter::once(
                        EmptyElement::at((s.0, s.1))
                            + PathElement::new(vec![(-c, -c), (c, c)], grey)
                            + PathElement::new(vec![(-c, c), (c, -c)], grey),
                    ))?;
                }
                None => {
                    chart.draw_series([
                        Circle::new((s.0, s.1), r, WHITE.filled()),
                        Circle::new((s.0, s.1), r, RGBColor(90, 90, 90).stroke_width(1)),
                    ])?;
                }
            }
        }
    }
    // Labels of the best sites, placed where they overlap no earlier label.
    let style = font(13);
    // Boxes not to cover: every site's marker, then each label placed.
    let (mut taken, hollow) = marker_boxes(&m.sites, |lon, lat| chart.backend_coord(&(lon, lat)));
    let (px0, py0) = chart.backend_coord(&(m.lon.0, m.lat.1));
    let (px1, py1) = chart.backend_coord(&(m.lon.1, m.lat.0));
    for &i in &m.labelled {
        let s = &m.sites[i];
        let (x, y) = chart.backend_coord(&(s.0, s.1));
        let (tw, th) = root.estimate_text_size(&s.3, &style)?;
        let (tw, th) = (tw as i32 + 6, th as i32 + 4);
        let spot = label_spot((x, y), (tw, th), &taken, &hollow, (px0, py0, px1, py1));
        if let Some((bx, by)) = spot {
            taken.push((bx, by, bx + tw, by + th));
            root.draw(&Rectangle::new(
                [(bx, by), (bx + tw, by + th)],
                WHITE.mix(0.8).filled(),
            ))?;
            root.draw_text(
                &s.3,
                &style.pos(Pos::new(HPos::Left, VPos::Center)),
                (bx + 3, by + th / 2),
            )?;
        }
    }
    // Legend: colour bar, never-first marker, user sizes.
    let x = 10;
    let mut y = MAP_TOP as i32 + 4;
    let left = font(13).pos(Pos::new(HPos::Left, VPos::Center));
    side.draw_text(&m.value_name, &left, (x, y))?;
    y += 14;
    let bh = 120;
    let steps = 48;
    for s in 0..steps {
        let ya = y + bh - bh * s / steps;
        let yb = y + bh - bh * (s + 1) / steps;
        side.draw(&Rectangle::new(
            [(x, yb), (x + 16, ya)],
            viridis((s as f64 + 0.5) / steps as f64).filled(),
        ))?;
    }
    side.draw(&Rectangle::new(
        [(x, y), (x + 16, y + bh)],
        BLACK.mix(0.5).stroke_width(1),
    ))?;
    let pct = m.value_name == "P(first)";
    for t in [0.0, 0.5, 1.0] {
        let v = v0 + (v1 - v0) * t;
        let text = if pct {
            format!("{:.0}%", v * 100.0)
        } else {
            format!("{v:.2}")
        };
        side.draw_text(
            &text,
            &font(12).pos(Pos::new(HPos::Left, VPos::Center)),
            (x + 22, y + bh - (f64::from(bh) * t).round() as i32),
        )?;
    }
    y += bh + 24;
    // Hollow: never first (not chosen); a cross: never feasible (infeasible, without draws).
    let hollow = match (pct, m.value_name.as_str()) {
        (_, "users served") => Some("not chosen"),
        (true, _) => Some("never first"),
        (false, _) => None,
    };
    if let Some(text) = hollow {
        side.draw(&Circle::new((x + 8, y), 5, WHITE.filled()))?;
        side.draw(&Circle::new(
            (x + 8, y),
            5,
            RGBColor(90, 90, 90).stroke_width(1),
        ))?;
        side.draw_text(text, &left, (x + 22, y))?;
    }
    if m.never_feasible.contains(&true) {
        if hollow.is_some() {
            y += 22;
        }
        let grey = RGBColor(90, 90, 90).stroke_width(2);
        for (a, b) in [((-4, -4), (4, 4)), ((-4, 4), (4, -4))] {
            side.draw(&PathElement::new(
                vec![(x + 8 + a.0, y + a.1), (x + 8 + b.0, y + b.1)],
                grey,
            ))?;
        }
        let text = if pct { "never feasible" } else { "infeasible" };
        side.draw_text(text, &left, (x + 22, y))?;
    }
    if users_max > 0.0 {
        y += 30;
        side.draw_text("users (share)", &left, (x, y))?;
        y += 8;
        for f in [1.0, 0.25, 0.04] {
            let r = user_r(users_max * f);
            y += r + 8;
            side.draw(&Circle::new((x + 12, y), r, user_color.mix(0.35).filled()))?;
            side.draw_text(&share_text(users_max * f), &left, (x + 30, y))?;
            y += r;
        }
    }
    let _ = h;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shenzhen (never first) 3 px from Hong Kong (coloured) is drawn over it; Beijing, far
    /// from any coloured marker, and Hong Kong itself are not.
    #[test]
    fn a_never_first_marker_under_a_coloured_one_is_found() {
        let site = |v: Option<f64>, name: &str| (0.0, 0.0, v, name.to_owned());
        let sites = [
            site(Some(0.003), "hong-kong"),
            site(None, "shenzhen"),
            site(None, "beijing"),
        ];
        let at = [(400, 214), (402, 212), (420, 107)];
        assert_eq!(hidden_under_coloured(&sites, &at), [false, true, false]);
    }

    #[test]
    fn a_label_covers_no_site_never_first() {
        // Ulanqab's label covered Zhangbei, never first, in the Apple example's map: a
        // labelled site with a hollow marker 30 px to its right.
        let sites = vec![
            (100.0, 100.0, Some(0.5), "labelled".to_owned()),
            (130.0, 100.0, None, "hollow".to_owned()),
        ];
        let at = |lon: f64, lat: f64| (lon as i32, lat as i32);
        let (hard, soft) = marker_boxes(&sites, at);
        let (bx, by) = label_spot((100, 100), (120, 18), &hard, &soft, (0, 0, 400, 400)).unwrap();
        let (a, b, c, d) = (123, 93, 138, 108);
        assert!(
            bx + 120 <= a || bx >= c || by + 18 <= b || by >= d,
            "the label at ({bx}, {by}) covers the hollow marker"
        );
        // Where every free place covers a hollow marker, the label is still placed (the
        // site labelled matters more than one never first); never over a coloured one.
        let frame = (90, 90, 240, 118);
        let (bx, by) = label_spot((100, 100), (120, 18), &hard, &soft, frame).unwrap();
        assert!(
            bx >= 108,
            "({bx}, {by}) covers the labelled site's own marker"
        );
    }

    #[test]
    fn world_outline_parses() {
        let rings = world_rings();
        assert!(rings.len() > 100);
        assert!(rings.iter().all(|r| r.len() >= 4 && r[0] == r[r.len() - 1]));
    }

    #[test]
    fn clipping_keeps_the_inside() {
        let square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)];
        let c = clip_polygon(&square, (5.0, 20.0), (-5.0, 5.0));
        let (minx, maxy) = c
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
                (a.min(p.0), b.max(p.1))
            });
        assert_eq!((minx, maxy), (5.0, 5.0));
        let ring = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 0.0)];
        let pieces = clip_outline(&ring, (5.0, 20.0), (-5.0, 20.0));
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].first(), Some(&(5.0, 0.0)));
        assert_eq!(pieces[0].last(), Some(&(5.0, 5.0)));
    }
}
