//! No allocation per draw (issue 18): the engine reuses one set of buffers per worker, so the
//! allocations of a run do not grow with its draws. A counting global allocator (this test
//! binary's own, so it holds one test: no other test allocates while it counts) counts every
//! allocation and reallocation of whole runs (first pass and confidence pass) of the shipped
//! examples, which draw weights, inputs, noise, events and factor models (cooling, energy,
//! latency to hundreds of user points), and of the benchmark's kind of scenario (100 sites,
//! lognormal noise). Between a run of 5 batches and one of 20, the extra allocations may be
//! only those of the extra batches, a few each ([`PER_BATCH`]); one allocation in the draw
//! loop would add 7,500.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use dcsite::simulate::{self, BATCH, Options, Ranks, Silent};
use dcsite::{Scenario, World};

struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is passed to the system allocator unchanged; the counter is a side
// effect only.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        // SAFETY: the caller's contract is `GlobalAlloc::alloc`'s, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations allowed per batch of [`BATCH`] draws, both passes together: the batch's
/// generator, weight sampler and flushed counters, and sketch buckets that grow as rarer
/// values arrive (measured: 2–7 per batch from 5 to 20 batches for the examples, 13 for the
/// synthetic scenario, whose 1,100 sketches are still widening). One allocation in every tenth
/// draw would add 50.
const PER_BATCH: u64 = 25;

/// The allocations of a whole run of `draws` draws on one thread.
fn allocations(world: &World, draws: u64) -> u64 {
    let opts = Options {
        draws,
        seed: 7,
        shard: None,
        ranks: Ranks::all(world.sites.len()),
    };
    simulate::with_threads(Some(1), || {
        let before = ALLOCATIONS.load(Relaxed);
        let state = simulate::run(world, &opts, &Silent);
        let after = ALLOCATIONS.load(Relaxed);
        assert!(
            state.confidence.is_some(),
            "a whole run has a confidence pass"
        );
        after - before
    })
    .unwrap()
}

/// The benchmark's kind of scenario: `m` sites × 10 positive criteria with a 10 % sd each
/// (lognormal noise), unknown weights.
fn synthetic(dir: &Path, m: usize) -> std::path::PathBuf {
    let mut sites = String::from("id,name,country,lat,lon");
    for j in 0..10 {
        sites += &format!(",c{j},c{j}_sd");
    }
    sites.push('\n');
    for i in 0..m {
        sites += &format!("s{i},s{i},,,");
        for j in 0..10 {
            let v = 10.0 + ((i * 37 + j * 11) % 90) as f64;
            sites += &format!(",{v},{}", v / 10.0);
        }
        sites.push('\n');
    }
    let mut model = String::from("name = \"synthetic\"\nmethod = \"wsm\"\n");
    for j in 0..10 {
        let dir = if j % 2 == 0 { "min" } else { "max" };
        model += &format!(
            "\n[[criteria]]\nid = \"c{j}\"\ncolumn = \"c{j}\"\ndirection = \"{dir}\"\nweight = 1\n"
        );
    }
    std::fs::write(dir.join("sites.csv"), sites).unwrap();
    std::fs::write(dir.join("model.toml"), model).unwrap();
    let scenario = dir.join("s.toml");
    std::fs::write(
        &scenario,
        "name = \"synthetic\"\nmodel = \"model.toml\"\n\n[data]\nsites = \"sites.csv\"\n\n\
         [weights]\nmode = \"unknown\"\n",
    )
    .unwrap();
    scenario
}

#[test]
fn a_run_allocates_nothing_per_draw() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let mut scenarios: Vec<_> = ["apple-icloud-china", "google-asia", "xiaomi-overseas"]
        .iter()
        .map(|e| repo.join(format!("examples/{e}.toml")))
        .collect();
    scenarios.push(synthetic(dir.path(), 100));
    for path in &scenarios {
        let world = World::build(Scenario::load(path).unwrap()).unwrap();
        // A first run sets up the thread pool and anything else made once per process.
        allocations(&world, BATCH);
        let five = allocations(&world, 5 * BATCH);
        let twenty = allocations(&world, 20 * BATCH);
        let extra = twenty.saturating_sub(five);
        eprintln!(
            "{}: {five} allocations in 5 batches, {twenty} in 20",
            path.display()
        );
        assert!(
            extra <= 15 * PER_BATCH,
            "{}: {extra} more allocations in 15 more batches ({} draws): {:.3} per draw",
            path.display(),
            15 * BATCH,
            extra as f64 / (15 * BATCH) as f64
        );
    }
}
