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

/// North geomagnetic (dipole) pole of IGRF-14 for epoch 2025.0: 80.8° N, 72.8° W
/// (NOAA NCEI / BGS, "Geomagnetic poles", IGRF-14 dipole coefficients).
pub const GEOMAGNETIC_POLE: (f64, f64) = (80.8, -72.8);

/// Geomagnetic (dipole) latitude in degrees of a point given in degrees:
/// sin φm = sin φ sin φp + cos φ cos φp cos(λ − λp).
pub fn geomagnetic_latitude(lat: f64, lon: f64) -> f64 {
    let (pl, pn) = (
        GEOMAGNETIC_POLE.0.to_radians(),
        GEOMAGNETIC_POLE.1.to_radians(),
    );
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
    fn geomagnetic_latitude_is_dipole_latitude() {
        // At the dipole pole it is 90°, at its antipode -90°.
        assert_abs_diff_eq!(geomagnetic_latitude(80.8, -72.8), 90.0, epsilon = 1e-9);
        assert_abs_diff_eq!(geomagnetic_latitude(-80.8, 107.2), -90.0, epsilon = 1e-9);
        // North America sits higher in geomagnetic latitude than East Asia at the same
        // geographic latitude (the pole is tilted toward Canada).
        assert!(geomagnetic_latitude(40.0, -75.0) > geomagnetic_latitude(40.0, 116.0) + 15.0);
    }
}
