//! Draws per second of the Monte Carlo engine on a synthetic 100-site × 10-criterion
//! scenario (column criteria with lognormal measurement noise, unknown weights), against the
//! floor: generating the same random numbers alone, stored to buffers, in the same run.
//!
//! `cargo bench --bench draws`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rand::{Rng, RngCore, SeedableRng};
use rand_distr::Exp1;
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use dcsite::simulate::{self, Options, Silent};
use dcsite::{Scenario, World};

const SITES: usize = 100;
const CRITERIA: usize = 10;
const DRAWS: u64 = 2_000;
/// Draws of the whole-run floor: enough batches (40) to keep every core busy.
const RUN_DRAWS: u64 = 20_000;

/// The random numbers of one batch of the synthetic scenario, made as a run makes them and
/// stored to buffers: per draw, the weights' standard exponentials and one standard normal
/// per site and criterion (a 64-bit word each from the batch generator, turned into normals
/// by the vectorised Box–Muller of `simulate::normals`). `black_box` on the buffers keeps
/// them from being optimised away without a serial sum (which cost ~30 % more than the
/// numbers themselves).
fn batch_numbers(seed: u64, k: u64, draws: u64) -> f64 {
    let mut rng = simulate::batch_rng(seed, k);
    let mut weights = [0.0f64; CRITERIA];
    let mut bits = vec![0u64; SITES * CRITERIA];
    let mut z = vec![0.0f64; SITES * CRITERIA];
    for _ in 0..draws {
        for w in weights.iter_mut() {
            *w = rng.sample::<f64, _>(Exp1);
        }
        for b in bits.iter_mut() {
            *b = rng.next_u64();
        }
        simulate::normals(&bits, &mut z);
        std::hint::black_box((&weights, &z));
    }
    z[0] + weights[0]
}

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
                    ranks: simulate::Ranks::all(world.sites.len()),
                },
                &Silent,
            )
        })
    });
    // The floor: the same random numbers (weights + one normal per site and criterion),
    // generated into buffers on one thread, nothing else.
    g.bench_function("floor_random_numbers", |b| {
        b.iter(|| {
            (0..DRAWS.div_ceil(simulate::BATCH))
                .map(|k| batch_numbers(1, k, simulate::BATCH.min(DRAWS)))
                .sum::<f64>()
        })
    });
    g.finish();
    // The floor of a whole run as dcsite does it: both SMAA-2 passes' random numbers, the
    // batches spread over all cores by rayon (RAYON_NUM_THREADS sets how many).
    let mut g = c.benchmark_group("run_100x10");
    g.throughput(Throughput::Elements(RUN_DRAWS));
    g.sample_size(10);
    g.bench_function("floor_two_passes_all_threads", |b| {
        b.iter(|| {
            (0..2)
                .map(|_| {
                    (0..RUN_DRAWS / simulate::BATCH)
                        .into_par_iter()
                        .map(|k| batch_numbers(1, k, simulate::BATCH))
                        .sum::<f64>()
                })
                .sum::<f64>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
