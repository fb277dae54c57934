//! Great-circle distance and geomagnetic latitude.

/// Mean Earth radius (km), IUGG.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance (km) between two points given in degrees (haversine formula).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// Degree-1 Gauss coefficients (nT) of IGRF-14 for epoch 2025.0: g₁⁰, g₁¹, h₁¹
/// (Alken et al., "International Geomagnetic Reference Field: the fourteenth generation",
/// IAGA 2024; coefficient file igrf14coeffs.txt).
pub const IGRF14_2025_DIPOLE: (f64, f64, f64) = (-29350.0, -1410.3, 4545.5);

/// North geomagnetic (centred-dipole) pole from degree-1 Gauss coefficients, in degrees:
/// colatitude θ = arccos(−g₁⁰/B₀), longitude atan2(−h₁¹, −g₁¹), B₀ = √(g₁⁰² + g₁¹² + h₁¹²).
pub fn dipole_pole((g10, g11, h11): (f64, f64, f64)) -> (f64, f64) {
    let b0 = (g10 * g10 + g11 * g11 + h11 * h11).sqrt();
    (
        90.0 - (-g10 / b0).acos().to_degrees(),
        (-h11).atan2(-g11).to_degrees(),
    )
}

/// Geomagnetic (dipole) latitude in degrees of a point given in degrees, for the IGRF-14
/// 2025.0 dipole (pole 80.79° N, 72.76° W):
/// sin φm = sin φ sin φp + cos φ cos φp cos(λ − λp).
pub fn geomagnetic_latitude(lat: f64, lon: f64) -> f64 {
    let (plat, plon) = dipole_pole(IGRF14_2025_DIPOLE);
    let (pl, pn) = (plat.to_radians(), plon.to_radians());
    let (p, l) = (lat.to_radians(), lon.to_radians());
    let s = p.sin() * pl.sin() + p.cos() * pl.cos() * (l - pn).cos();
    s.clamp(-1.0, 1.0).asin().to_degrees()
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn known_distances() {
        // One degree of arc on the mean sphere is 111.195 km.
        assert_abs_diff_eq!(distance_km(0.0, 0.0, 0.0, 1.0), 111.195, epsilon = 0.001);
        // London Heathrow–New York JFK is 5,540 km on the sphere (great-circle tables
        // give 5,539–5,555 km depending on the Earth model).
        let d = distance_km(51.4700, -0.4543, 40.6413, -73.7781);
        assert!((5530.0..5560.0).contains(&d), "{d}");
        assert_abs_diff_eq!(distance_km(10.0, 20.0, 10.0, 20.0), 0.0);
    }

    #[test]
    fn dipole_pole_matches_published_positions() {
        // IGRF-13 2020.0 (g₁⁰ = −29404.8, g₁¹ = −1450.9, h₁¹ = 4652.5) gives 80.59° N,
        // 72.68° W (geocentric), as tabulated for the centred dipole of IGRF-13.
        let (lat, lon) = dipole_pole((-29404.8, -1450.9, 4652.5));
        assert_abs_diff_eq!(lat, 80.59, epsilon = 0.01);
        assert_abs_diff_eq!(lon, -72.68, epsilon = 0.01);
        let (lat, lon) = dipole_pole(IGRF14_2025_DIPOLE);
        assert_abs_diff_eq!(lat, 80.79, epsilon = 0.01);
        assert_abs_diff_eq!(lon, -72.76, epsilon = 0.01);
    }

    #[test]
    fn geomagnetic_latitude_is_dipole_latitude() {
        // At the dipole pole it is 90°, at its antipode -90°.
        let (plat, plon) = dipole_pole(IGRF14_2025_DIPOLE);
        assert_abs_diff_eq!(geomagnetic_latitude(plat, plon), 90.0, epsilon = 1e-6);
        assert_abs_diff_eq!(
            geomagnetic_latitude(-plat, plon + 180.0),
            -90.0,
            epsilon = 1e-6
        );
        // North America sits higher in geomagnetic latitude than East Asia at the same
        // geographic latitude (the pole is tilted toward Canada).
        assert!(geomagnetic_latitude(40.0, -75.0) > geomagnetic_latitude(40.0, 116.0) + 15.0);
    }
}
