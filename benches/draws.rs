//! Draws per second of the Monte Carlo engine on a synthetic 100-site × 10-criterion
//! scenario (column criteria with normal measurement noise, unknown weights), against the
//! floor: generating the same random numbers alone, in the same run.
//!
//! `cargo bench --bench draws`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_distr::{Exp1, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;

use dcsite::simulate::{self, Options, Silent};
use dcsite::{Scenario, World};

const SITES: usize = 100;
const CRITERIA: usize = 10;
const DRAWS: u64 = 2_000;

/// Writes the synthetic scenario into `dir` and builds its world.
fn synthetic(dir: &std::path::Path) -> World {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
    let mut csv = String::from("id");
    for j in 0..CRITERIA {
        csv += &format!(",c{j},c{j}_sd");
    }
    csv.push('\n');
    for i in 0..SITES {
        csv += &format!("s{i}");
        for _ in 0..CRITERIA {
            let v: f64 = rng.random_range(10.0..100.0);
            csv += &format!(",{v:.3},{:.3}", 0.1 * v);
        }
        csv.push('\n');
    }
    let mut model = String::from("name = \"synthetic\"\n");
    for j in 0..CRITERIA {
        let dir = if j % 2 == 0 { "min" } else { "max" };
        model += &format!(
            "[[criteria]]\nid = \"c{j}\"\ncolumn = \"c{j}\"\ndirection = \"{dir}\"\nweight = 1\n"
        );
    }
    std::fs::write(dir.join("sites.csv"), csv).unwrap();
    std::fs::write(dir.join("model.toml"), model).unwrap();
    let sc = "name = \"synthetic\"\nmodel = \"model.toml\"\n[data]\nsites = \"sites.csv\"\n[weights]\nmode = \"unknown\"\n";
    std::fs::write(dir.join("s.toml"), sc).unwrap();
    World::build(Scenario::load(&dir.join("s.toml")).unwrap()).unwrap()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let world = synthetic(dir.path());
    let mut g = c.benchmark_group("draws_100x10");
    g.throughput(Throughput::Elements(DRAWS));
    g.sample_size(10);
    g.bench_function("engine_all_passes", |b| {
        b.iter(|| {
            simulate::run(
                &world,
                &Options {
                    draws: DRAWS,
                    seed: 1,
                    shard: None,
                },
                &Silent,
            )
        })
    });
    // The floor: the same random numbers (weights + one normal per site and criterion),
    // generated and summed on one thread, nothing else.
    g.bench_function("floor_random_numbers", |b| {
        b.iter(|| {
            let mut acc = 0.0f64;
            for k in 0..DRAWS.div_ceil(simulate::BATCH) {
                let mut rng = simulate::batch_rng(1, k);
                for _ in 0..simulate::BATCH.min(DRAWS) {
                    for _ in 0..CRITERIA {
                        acc += rng.sample::<f64, _>(Exp1);
                    }
                    for _ in 0..SITES * CRITERIA {
                        acc += rng.sample::<f64, _>(StandardNormal);
                    }
                }
            }
            acc
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
