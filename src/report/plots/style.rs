//! Fonts, colour ramps, legends and the row chart that the figures share.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::*;
use super::{DrawResult, RowDrawer, Swatch};

pub(super) fn font(size: u32) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&BLACK)
}

/// Viridis, interpolated between nine of its colours; `t` in [0, 1].
pub(super) fn viridis(t: f64) -> RGBColor {
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
pub(super) fn rd_yl_bu(t: f64) -> RGBColor {
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
pub(super) fn yl_or_rd(t: f64) -> RGBColor {
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

pub(super) fn ramp(c: &[(u8, u8, u8)], t: f64) -> RGBColor {
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

pub(super) fn is_dark(c: RGBColor) -> bool {
    0.299 * f64::from(c.0) + 0.587 * f64::from(c.1) + 0.114 * f64::from(c.2) < 140.0
}

/// Tableau 10, for categories.
pub(super) const CATEGORICAL: [RGBColor; 10] = [
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

pub(super) fn text_width<DB: DrawingBackend>(
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
pub(super) fn legend<DB: DrawingBackend>(
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

pub(super) fn swatch_box<DB: DrawingBackend>(
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
pub(super) fn row_chart<DB: DrawingBackend>(
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
