use super::*;
use crate::factors::routes::path_km;
use approx::assert_abs_diff_eq;
use proptest::prelude::*;

fn place(lat: f64, lon: f64, cc: &str) -> At<'_> {
    At {
        lat,
        lon,
        country: Some(cc),
    }
}

/// Worked examples against medians measured by RIPE Atlas in February 2023 (ICMP, probes
/// on fixed access → GCP VMs; msm 49920590–49970758 via `floh22/cmb-atlas-results`,
/// `data/reference/internet_rtt/pairs.csv`):
/// - Hong Kong → Osaka (asia-northeast2), 2,490 km: 50.0, 50.6 and 51.0 ms (probes
///   1004682, 14833, 54778, home-wired);
/// - Bogotá → São Paulo (southamerica-east1), 4,420–4,570 km: 154.8–165.1 ms (five
///   pairs): a path through Miami;
/// - Tel Aviv → Frankfurt (europe-west3), 2,940–2,950 km: 57.3, 58.2 and 57.3 ms (probes
///   25838, 26806, 1000465, home-wired): Israel routes as Europe, over the Mediterranean
///   cables (round through Jeddah and Suez the model gave 102 ms).
///
/// The internet path is within 10 % of all three; the backbone is 18 % and 58 % low on the
/// first two.
#[test]
fn internet_path_worked_examples() {
    let p = LatencyParams::default();
    let (hkg, osaka) = (place(22.32, 114.17, "HK"), place(34.69, 135.50, "JP"));
    let hk = p.rtt(LatencyPath::Internet, hkg, osaka, 0.0);
    assert!((hk - 50.6).abs() / 50.6 < 0.10, "{hk}");
    let (bog, sao) = (place(4.71, -74.07, "CO"), place(-23.55, -46.63, "BR"));
    let co = p.rtt(LatencyPath::Internet, bog, sao, 0.0);
    assert!((co - 160.0).abs() / 160.0 < 0.10, "{co}");
    let (tlv, fra) = (place(32.07, 34.78, "IL"), place(50.11, 8.68, "DE"));
    let il = p.rtt(LatencyPath::Internet, tlv, fra, 0.0);
    assert!((il - 57.6).abs() / 57.6 < 0.10, "{il}");
    assert!(p.rtt(LatencyPath::Backbone, hkg, osaka, 0.0) < 0.85 * 50.6);
    assert!(p.rtt(LatencyPath::Backbone, bog, sao, 0.0) < 0.5 * 160.0);
}

/// A pair across a border pays oₓ on the internet path, and only there: the same two
/// points are oₓ slower as two countries than as one, on the backbone they are not, and
/// with a country unknown nothing is added (as with border penalties).
#[test]
fn crossing_a_border_adds_its_overhead_on_the_internet_path_only() {
    let p = LatencyParams::default();
    let (a, b) = ((50.0, 6.0), (50.5, 7.5));
    let here = |(lat, lon): (f64, f64), cc| At {
        lat,
        lon,
        country: cc,
    };
    let rtt = |path, ca, cb| p.rtt(path, here(a, ca), here(b, cb), 0.0);
    let (domestic, cross) = (
        rtt(LatencyPath::Internet, Some("DE"), Some("DE")),
        rtt(LatencyPath::Internet, Some("BE"), Some("DE")),
    );
    assert_abs_diff_eq!(cross - domestic, DEFAULT_CROSS_BORDER_MS, epsilon = 1e-9);
    assert_abs_diff_eq!(
        rtt(LatencyPath::Internet, None, Some("DE")),
        domestic,
        epsilon = 1e-9
    );
    assert_abs_diff_eq!(
        rtt(LatencyPath::Backbone, Some("BE"), Some("DE")),
        rtt(LatencyPath::Backbone, Some("DE"), Some("DE")),
        epsilon = 1e-9
    );
}

fn jurisdiction_penalty() -> impl Fn(&str) -> f64 {
    let juris = Jurisdictions::new(
        Table::parse(
            "jurisdictions.csv",
            include_str!("../../../data/jurisdictions.csv"),
        )
        .unwrap(),
    )
    .unwrap();
    move |cc: &str| {
        juris
            .number(cc, "border_rtt_penalty_ms", "latency")
            .unwrap_or(0.0)
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Median |relative error| and median signed relative error.
fn medians(errors: &[f64]) -> (f64, f64) {
    let mut abs: Vec<f64> = errors.iter().map(|e| e.abs()).collect();
    let mut signed = errors.to_vec();
    (median(&mut abs), median(&mut signed))
}

/// Relative errors (model − measured) / measured of the internet and backbone paths on the
/// city pairs of a measurement CSV (`src_*`, `dst_*` coordinates and countries, `rtt_ms`)
/// whose row `keep` accepts (given a row's text column by name), with the border penalties
/// of the shipped jurisdictions.
fn pair_errors(
    name: &str,
    csv: &str,
    keep: impl Fn(&dyn Fn(&str) -> String) -> bool,
) -> (Vec<f64>, Vec<f64>) {
    let t = Table::parse(name, csv).unwrap();
    let pen = jurisdiction_penalty();
    let p = LatencyParams::default();
    let (mut internet, mut backbone) = (Vec::new(), Vec::new());
    for r in 0..t.len() {
        let text = |c: &str| t.text(r, t.require(c).unwrap());
        let num = |c: &str| t.number(r, t.require(c).unwrap()).unwrap();
        if !keep(&|c: &str| text(c).to_owned()) {
            continue;
        }
        let (ca, cb) = (text("src_country"), text("dst_country"));
        let a = place(num("src_lat"), num("src_lon"), ca);
        let b = place(num("dst_lat"), num("dst_lon"), cb);
        let border = if ca != cb { pen(ca) + pen(cb) } else { 0.0 };
        let y = num("rtt_ms");
        internet.push((p.rtt(LatencyPath::Internet, a, b, border) - y) / y);
        backbone.push((p.rtt(LatencyPath::Backbone, a, b, border) - y) / y);
    }
    (internet, backbone)
}

/// The internet path against its probe → cloud calibration pairs, with the same selection
/// as `data/reference/internet_rtt/calibrate.py` (fixed access, median RTT; border
/// penalties of the shipped jurisdictions): pins its fitted errors, median |error| 14.0 %
/// and median signed error −1.7 % (14.5 % and −3.7 % before the cross-border term and the
/// southern-African corridors), and that the backbone runs about 20 % low on them.
#[test]
fn internet_path_against_its_probe_to_cloud_pairs() {
    let (internet, backbone) = pair_errors(
        "pairs_extra.csv",
        include_str!("../../../data/reference/internet_rtt/pairs_extra.csv"),
        |text| {
            matches!(text("access").as_str(), "home-wired" | "wifi" | "mixed")
                && text("statistic") == "median"
        },
    );
    assert_eq!(internet.len(), 381);
    let (a, s) = medians(&internet);
    let (_, b) = medians(&backbone);
    assert!((0.135..0.145).contains(&a), "median |error| {a}");
    assert!((-0.022..-0.012).contains(&s), "median signed error {s}");
    assert!(
        (-0.23..-0.17).contains(&b),
        "backbone median signed error {b}"
    );
}

/// The internet path against the RIPE Atlas anchoring mesh (city ↔ city, server to server;
/// `anchor_mesh_pairs.csv`, median of hourly minima): pins the fitted errors of
/// `calibrate.py` for Europe (24,506 pairs: median |error| 19.6 %, signed +0.7 %) and the
/// US (999 pairs: 17.8 %, +2.6 %; +7.2 % before the cross-border term); that the pairs under
/// 300 km are no longer overstated by a 9 ms floor (Europe, 2,380 pairs: median signed
/// +12.1 %, +35.5 % with the floor; median measured 3.4 ms at 54 km); that the cross-border
/// term halves the bias of domestic European pairs (1,873 pairs: +14.8 %, +27.5 % without
/// it) and leaves cross-border ones unbiased (22,633 pairs: +0.2 %, −4.2 % without); the
/// held-out Oceanian mesh (35 pairs between 9 anchors in Australia, New Zealand and New
/// Caledonia, 8 November 2023, never fitted), on which the model runs 32 % high; and the
/// backbone's shortfall on the European pairs (about −20 %, the bias an independent check
/// of city-to-city pings found).
#[test]
fn internet_path_against_the_anchor_mesh() {
    let anchors = Table::parse(
        "anchor_mesh_anchors.csv",
        include_str!("../../../data/reference/internet_rtt/anchor_mesh_anchors.csv"),
    )
    .unwrap();
    let pairs = Table::parse(
        "anchor_mesh_pairs.csv",
        include_str!("../../../data/reference/internet_rtt/anchor_mesh_pairs.csv"),
    )
    .unwrap();
    let col = |t: &Table, c: &str| t.require(c).unwrap();
    let mut at = std::collections::HashMap::new();
    for r in 0..anchors.len() {
        let key = (
            anchors.text(r, col(&anchors, "set")).to_string(),
            anchors.text(r, col(&anchors, "id")).to_string(),
        );
        let lat = anchors.number(r, col(&anchors, "lat")).unwrap();
        let lon = anchors.number(r, col(&anchors, "lon")).unwrap();
        at.insert(
            key,
            (
                lat,
                lon,
                anchors.text(r, col(&anchors, "country")).to_string(),
            ),
        );
    }
    let pen = jurisdiction_penalty();
    let p = LatencyParams::default();
    let mut errors: std::collections::BTreeMap<String, (Vec<f64>, Vec<f64>)> = Default::default();
    let (mut eu_short, mut eu_domestic, mut eu_cross) = (Vec::new(), Vec::new(), Vec::new());
    for r in 0..pairs.len() {
        let set = pairs.text(r, col(&pairs, "set")).to_string();
        let a = &at[&(
            set.clone(),
            pairs.text(r, col(&pairs, "src_id")).to_string(),
        )];
        let b = &at[&(
            set.clone(),
            pairs.text(r, col(&pairs, "dst_id")).to_string(),
        )];
        let border = if a.2 != b.2 {
            pen(&a.2) + pen(&b.2)
        } else {
            0.0
        };
        let (pa, pb) = (place(a.0, a.1, &a.2), place(b.0, b.1, &b.2));
        let y = pairs.number(r, col(&pairs, "rtt_ms")).unwrap();
        let internet = (p.rtt(LatencyPath::Internet, pa, pb, border) - y) / y;
        if set == "eu-2024-08-05" && pairs.number(r, col(&pairs, "gc_km")).unwrap() < 300.0 {
            eu_short.push(internet);
        }
        if set == "eu-2024-08-05" {
            if a.2 == b.2 {
                eu_domestic.push(internet);
            } else {
                eu_cross.push(internet);
            }
        }
        let e = errors.entry(set).or_default();
        e.0.push(internet);
        e.1.push((p.rtt(LatencyPath::Backbone, pa, pb, border) - y) / y);
    }
    let (eu, eu_bb) = &errors["eu-2024-08-05"];
    let (us, _) = &errors["us-2024-05-01"];
    let (oceania, _) = &errors["oc-2023-11-08"];
    assert_eq!(
        (eu.len(), us.len(), oceania.len(), eu_short.len()),
        (24506, 999, 35, 2380)
    );
    assert_eq!((eu_domestic.len(), eu_cross.len()), (1873, 22633));
    let (a, s) = medians(eu);
    assert!(
        (0.191..0.201).contains(&a) && (0.002..0.012).contains(&s),
        "Europe {a} {s}"
    );
    let (a, s) = medians(us);
    assert!(
        (0.173..0.183).contains(&a) && (0.021..0.031).contains(&s),
        "US {a} {s}"
    );
    let (_, s) = medians(&eu_short);
    assert!((0.07..0.17).contains(&s), "Europe under 300 km {s}");
    let (_, s) = medians(&eu_domestic);
    assert!((0.10..0.20).contains(&s), "Europe, domestic {s}");
    let (_, s) = medians(&eu_cross);
    assert!((-0.03..0.03).contains(&s), "Europe, cross-border {s}");
    let (_, s) = medians(oceania);
    assert!((0.30..0.38).contains(&s), "Oceania, held out {s}");
    let (_, b) = medians(eu_bb);
    assert!((-0.22..-0.18).contains(&b), "backbone, Europe {b}");
}

/// Both paths against a worldwide snapshot of the RIPE Atlas anchoring mesh (29 January 2018,
/// one four-minute round; 25,478 city pairs between 227 anchors in 65 countries on six
/// continents; `world_mesh_2018.csv`, via `menonsamir/CBG-replication`), never fitted: the kind
/// of server-to-server city pairs issue 19's independent check measures. Pins the figures of
/// docs/models.md: the internet path's median |error| 14.6 % and median signed error −1.7 %
/// (14.8 % and −2.9 % before the cross-border term and the southern-African corridors), the
/// backbone's −16 % (the independent check found −13.9 % for it).
#[test]
fn internet_path_against_the_worldwide_mesh_2018() {
    let (internet, backbone) = pair_errors(
        "world_mesh_2018.csv",
        include_str!("../../../data/reference/internet_rtt/world_mesh_2018.csv"),
        |_| true,
    );
    assert_eq!(internet.len(), 25478);
    let (a, s) = medians(&internet);
    assert!(
        (0.141..0.151).contains(&a) && (-0.022..-0.012).contains(&s),
        "internet {a} {s}"
    );
    let (_, b) = medians(&backbone);
    assert!((-0.18..-0.14).contains(&b), "backbone {b}");
}

fn anywhere() -> impl Strategy<Value = (f64, f64, Option<&'static str>)> {
    let cc = prop::sample::select(vec![
        None,
        Some("DE"),
        Some("CN"),
        Some("CO"),
        Some("US"),
        Some("RU"),
        Some("BR"),
        Some("SG"),
        Some("GE"),
    ]);
    (-60.0..70.0f64, -180.0..180.0f64, cc)
}

proptest! {
    /// Both paths stay above the fibre bound (light in fibre on the great circle), and from
    /// 1,000 km on the internet RTT is above the backbone's. Below about 480 km (150 km
    /// across a border) it is not: servers measure 3.4 ms at 54 km (RIPE Atlas anchoring
    /// mesh, Europe), under the backbone's 9 ms overhead, which is fitted on region pairs
    /// hundreds of km apart.
    #[test]
    fn both_paths_above_physics_and_internet_above_backbone_at_long_range(
        a in anywhere(),
        b in anywhere(),
        border in 0.0..80.0f64,
    ) {
        let p = LatencyParams::default();
        let (a, b) = (At { lat: a.0, lon: a.1, country: a.2 }, At { lat: b.0, lon: b.1, country: b.2 });
        let fibre = rtt_ms(distance_km(a.lat, a.lon, b.lat, b.lon), 1.0, 0.0);
        let bb = p.rtt(LatencyPath::Backbone, a, b, border);
        let inet = p.rtt(LatencyPath::Internet, a, b, border);
        prop_assert!(bb >= fibre - 1e-9, "backbone {bb} < fibre {fibre}");
        prop_assert!(inet >= fibre - 1e-9, "internet {inet} < fibre {fibre}");
        if fibre >= rtt_ms(1000.0, 1.0, 0.0) {
            prop_assert!(inet >= bb - 1e-9, "internet {inet} < backbone {bb}");
        }
    }

    /// Along one country's great circle (a national backbone), RTT rises with distance
    /// on both paths.
    #[test]
    fn rtt_rises_with_distance_within_a_country(
        lat in -40.0..40.0f64,
        lon in -170.0..170.0f64,
        d1 in 0.0..40.0f64,
        d2 in 0.0..40.0f64,
    ) {
        let (near, far) = (d1.min(d2), d1.max(d2));
        let p = LatencyParams::default();
        let o = place(lat, lon, "XX");
        for path in [LatencyPath::Backbone, LatencyPath::Internet] {
            let r1 = p.rtt(path, o, place(lat + near / 2.0, lon + near / 2.0, "XX"), 0.0);
            let r2 = p.rtt(path, o, place(lat + far / 2.0, lon + far / 2.0, "XX"), 0.0);
            prop_assert!(r1 <= r2 + 1e-9, "{path}: {r1} > {r2}");
        }
    }
}

/// The model against 378 measured median RTTs between Azure regions (Microsoft, "Azure
/// network round-trip latency statistics", 30 days to 2026-07-30). Pins the calibration
/// reported in docs/models.md: median absolute error 6.8 ms, median relative 5.5 %,
/// worst 40 ms (7.0 ms, 6 % and 41 ms before the southern-African corridors; a single
/// route factor on great circles gives 14.6 ms, 13 %, 200 ms).
#[test]
fn error_against_published_azure_rtts() {
    let t = Table::parse(
        "latency_measured.csv",
        include_str!("../../../data/reference/latency_measured.csv"),
    )
    .unwrap();
    let col = |c: &str| t.require(c).unwrap();
    let (fa, fo, ta, to, rtt) = (
        col("from_lat"),
        col("from_lon"),
        col("to_lat"),
        col("to_lon"),
        col("rtt_ms"),
    );
    let mut abs = Vec::new();
    let mut rel = Vec::new();
    for r in 0..t.len() {
        let n = |c| t.number(r, c).unwrap();
        let d = distance_km(n(fa), n(fo), n(ta), n(to));
        let at = |lat, lon| At {
            lat,
            lon,
            country: None,
        };
        let path = path_km(at(n(fa), n(fo)), at(n(ta), n(to)));
        let model = rtt_ms(path, DEFAULT_ROUTE_FACTOR, DEFAULT_OVERHEAD_MS);
        // Physics: no measured RTT beats light in fibre along the great circle.
        assert!(n(rtt) >= rtt_ms(d, 1.0, 0.0), "row {r}");
        abs.push((model - n(rtt)).abs());
        rel.push((model - n(rtt)).abs() / n(rtt));
    }
    assert_eq!(abs.len(), 378);
    abs.sort_by(f64::total_cmp);
    rel.sort_by(f64::total_cmp);
    let median = abs[abs.len() / 2];
    assert!(
        (6.5..7.5).contains(&median),
        "median absolute error {median} ms"
    );
    assert!(
        rel[rel.len() / 2] < 0.06,
        "median relative error {}",
        rel[rel.len() / 2]
    );
    assert!(*abs.last().unwrap() < 41.0, "worst {}", abs.last().unwrap());
}

#[test]
fn measured_overrides_replace_the_model_for_their_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let w = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    w(
        "sites.csv",
        "id,name,country,lat,lon\na,A,XX,0,0\nb,B,XX,0,10\n",
    );
    w(
        "urban.csv",
        "id,name,country,lat,lon,population\nc1,C1,XX,0,1,1000000\nc2,C2,XX,0,9,1000000\n",
    );
    w(
        "jur.csv",
        "country,localization,internet_users_pct,border_rtt_penalty_ms,gov_access_risk\nXX,none,100,0,0.1\n",
    );
    w(
        "m.toml",
        "name = \"m\"\n[[criteria]]\nid = \"rtt\"\nfactor = \"latency.mean_rtt_ms\"\ndirection = \"min\"\nweight = 1\n",
    );
    w(
        "lat.csv",
        "site_id,city_id,rtt_ms\na,c2,7.5\nnot-a-candidate,c1,1\n",
    );
    w(
        "s.toml",
        "name = \"t\"\nmodel = \"m.toml\"\n[data]\nsites = \"sites.csv\"\nurban_areas = \"urban.csv\"\n\
         jurisdictions = \"jur.csv\"\nlatency = \"lat.csv\"\n[[users]]\nname = \"u\"\ncountries = [\"XX\"]\nshare = 1\n\
         [[users]]\nname = \"v\"\nmetros = [\"c1\"]\nshare = 1\nlatency_path = \"backbone\"\n",
    );
    let world =
        crate::World::build(crate::Scenario::load(&dir.path().join("s.toml")).unwrap()).unwrap();
    let l = world.factors.latency().unwrap();
    let mut rtt = vec![0.0; 3];
    l.rtts(0, DEFAULT_ROUTE_FACTOR, &mut rtt);
    // a → c2 is measured (7.5 ms, far below the ~1,000 km model, above light's 6.7 ms);
    // a → c1 is modelled.
    assert_eq!(rtt[1], 7.5);
    // Users default to the internet path.
    let xx = |lon| At {
        lat: 0.0,
        lon,
        country: Some("XX"),
    };
    let expected = LatencyParams::default().rtt(LatencyPath::Internet, xx(0.0), xx(1.0), 0.0);
    let d = distance_km(0.0, 0.0, 0.0, 1.0);
    assert_abs_diff_eq!(
        expected,
        rtt_ms(
            d,
            DEFAULT_INTERNET_ROUTE_FACTOR,
            DEFAULT_INTERNET_OVERHEAD_MS
        ) + DEFAULT_PEERING_MS * (1.0 - (-d / DEFAULT_PEERING_KM).exp()),
        epsilon = 1e-9
    );
    assert_abs_diff_eq!(rtt[0], expected, epsilon = 1e-9);
    // Group v reaches the same city on the backbone: its own formula. At 111 km it is the
    // higher of the two (its 9 ms overhead is fitted on region pairs far apart).
    assert_abs_diff_eq!(
        rtt[2],
        rtt_ms(d, DEFAULT_ROUTE_FACTOR, DEFAULT_OVERHEAD_MS),
        epsilon = 1e-9
    );
    assert!(rtt[2] > rtt[0]);
    assert!(
        world.files.iter().any(|f| f.name.ends_with("lat.csv")),
        "recorded as an input file"
    );
}

#[test]
fn matrix_accepts_countries_without_a_jurisdiction_row() {
    let juris = Jurisdictions::new(
        Table::parse("j.csv", "country,border_rtt_penalty_ms\nCN,40\nDE,0\n").unwrap(),
    )
    .unwrap();
    let place = |id: &str, lat, lon, cc: &str| Place {
        id: id.into(),
        lat,
        lon,
        country: Some(cc.into()),
    };
    // Tirana (AL) and Tbilisi (GE) have no row: no penalty, no error.
    let from = [
        place("tia", 41.33, 19.82, "AL"),
        place("pek", 39.9, 116.4, "CN"),
    ];
    let to = [place("tbs", 41.72, 44.79, "GE")];
    for path in [LatencyPath::Backbone, LatencyPath::Internet] {
        let m = matrix(&from, &to, &juris, path)
            .unwrap()
            .collect::<Vec<_>>();
        let model =
            |a: &Place, b: &Place, extra| LatencyParams::default().rtt(path, at(a), at(b), extra);
        assert_abs_diff_eq!(m[0].rtt_ms, model(&from[0], &to[0], 0.0), epsilon = 1e-9);
        // China's 40 ms still applies on its side.
        assert_abs_diff_eq!(m[1].rtt_ms, model(&from[1], &to[0], 40.0), epsilon = 1e-9);
    }
    // The backbone is today's formula.
    let m = matrix(&from, &to, &juris, LatencyPath::Backbone)
        .unwrap()
        .collect::<Vec<_>>();
    assert_abs_diff_eq!(
        m[0].rtt_ms,
        rtt_ms(
            path_km(at(&from[0]), at(&to[0])),
            DEFAULT_ROUTE_FACTOR,
            DEFAULT_OVERHEAD_MS
        ),
        epsilon = 1e-9
    );
}

#[test]
fn rtt_hand_computed() {
    // 1,020 km at route factor 1.5: 2 · 1020 · 1.5 / 204 = 15 ms, plus 8.5 ms.
    assert_abs_diff_eq!(rtt_ms(1020.0, 1.5, 8.5), 23.5);
}

#[test]
fn rtt_rises_with_distance() {
    let mut last = 0.0;
    for d in [0.0, 10.0, 500.0, 5000.0, 15000.0] {
        let r = rtt_ms(d, DEFAULT_ROUTE_FACTOR, DEFAULT_OVERHEAD_MS);
        assert!(r >= last);
        last = r;
    }
}

proptest! {
    /// The metrics of [`Latency::at`] over a sequence of draws, against each draw computed
    /// afresh: the weighted mean, the share within the SLA, and the 95th percentile (the RTT
    /// at which the weights summed in RTT order reach 95 % of the total). Route factors and
    /// group shares change from draw to draw or stay, so that the percentile's remembered
    /// crossing is both reused and found again.
    #[test]
    fn per_draw_metrics_equal_a_fresh_computation(
        points in proptest::collection::vec((0.0f64..3_000.0, 0.0f64..40.0, 0usize..2, 0.01f64..1.0), 1..60),
        draws in proptest::collection::vec((prop_oneof![Just(1.33), 1.25f64..1.45], prop_oneof![Just(0.5), 0.0f64..1.0]), 1..12),
    ) {
        let sites = 3;
        // Site s sees point k at distance d·(1 + s/4) with the same extra delay.
        let latency = Latency {
            params: LatencyParams::default(),
            route_factor: Dist::Fixed(1.33),
            sla_ms: 30.0,
            distance_km: (0..sites).map(|s| points.iter().map(|p| p.0 * (1.0 + s as f64 / 4.0)).collect()).collect(),
            path_km: (0..sites).map(|_| points.iter().map(|p| p.0).collect()).collect(),
            extra_ms: (0..sites).map(|_| points.iter().map(|p| p.1).collect()).collect(),
        };
        let users = Users {
            names: vec!["a".into(), "b".into()],
            shares: vec![0.5, 0.5],
            paths: vec![LatencyPath::Internet; 2],
            points: points
                .iter()
                .enumerate()
                .map(|(k, &(_, _, group, weight))| crate::factors::users::Point {
                    id: format!("p{k}"),
                    name: format!("p{k}"),
                    country: "DE".into(),
                    lat: 0.0,
                    lon: 0.0,
                    group,
                    weight,
                })
                .collect(),
        };
        let mut s = latency.scratch();
        for &(route_factor, share) in &draws {
            let inputs = DrawInputs {
                warming_c: 0.0,
                carbon_price_usd_t: 0.0,
                route_factor,
                price_usd_mwh: vec![],
                grid_gco2_kwh: vec![],
                user_share: vec![share, 1.0 - share],
                regime: vec![],
                wgi_noise: vec![],
                site_warming_c: vec![],
            };
            latency.weigh(&users, &inputs, &mut s);
            for i in 0..sites {
                let got = latency.at(i, route_factor, &mut s);
                let w: Vec<f64> = users.points.iter().map(|p| inputs.user_share[p.group] * p.weight).collect();
                let r: Vec<f64> = latency.distance_km[i].iter().zip(&latency.extra_ms[i]).map(|(&d, &e)| rtt_ms(d, route_factor, e)).collect();
                let total = w.iter().fold(0.0, |t, w| t + w);
                let mean = w.iter().zip(&r).fold(0.0, |m, (w, r)| m + w * r);
                let within = w.iter().zip(&r).filter(|(_, r)| **r <= 30.0).fold(0.0, |t, (w, _)| t + w);
                let mut order: Vec<usize> = (0..r.len()).collect();
                order.sort_by(|&a, &b| r[a].total_cmp(&r[b]));
                let mut acc = 0.0;
                let p95 = order
                    .iter()
                    .find(|&&k| {
                        acc += w[k];
                        acc >= 0.95 * total - 1e-12
                    })
                    .map_or_else(|| r.iter().copied().fold(0.0, f64::max), |&k| r[k]);
                let (mean, sla) = if total > 0.0 { (mean / total, within / total) } else { (0.0, 0.0) };
                prop_assert_eq!(got.mean_rtt_ms.to_bits(), mean.to_bits());
                prop_assert_eq!(got.sla_share.to_bits(), sla.to_bits());
                prop_assert_eq!(got.p95_rtt_ms.to_bits(), p95.to_bits(), "site {}", i);
            }
        }
    }
}
