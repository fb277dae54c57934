use super::*;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

/// Runs dcsite in `dir`, reads one line of its output, closes the pipe and waits.
fn head_1(dir: &Dir, args: &[&str]) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dcsite"))
        .current_dir(dir.path())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // The reader is dropped here: the pipe is closed.
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn points(n: usize) -> String {
    let mut s = String::from("id,name,country,lat,lon\n");
    for i in 0..n {
        s += &format!("p{i},P {i},SG,{}.5,{}.25\n", i % 80, i % 170);
    }
    s
}

#[test]
fn sites_and_latency_end_quietly_when_the_reader_goes() {
    let d = Dir::with(&[("p.csv", &points(20_000)), ("q.csv", &points(50))]);
    for args in [
        &["sites", "--file", "p.csv"][..],
        &["latency", "--from", "p.csv", "--to", "q.csv"],
    ] {
        let (code, stderr) = head_1(&d, args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

/// Two files of 100,000 points make 10¹⁰ pairs (about 300 GB of CSV): `dcsite latency`
/// writes them as it computes them, in little memory (here under a 1 GB address-space
/// limit), where it used to build the whole matrix first and abort on the allocation.
#[cfg(unix)]
#[test]
fn latency_streams_a_matrix_too_large_for_the_memory() {
    let d = Dir::with(&[("p.csv", &points(100_000))]);
    let mut child = std::process::Command::new("sh")
        .current_dir(d.path())
        .args(["-c", "ulimit -v 1000000 && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_dcsite"))
        .args(["latency", "--from", "p.csv", "--to", "p.csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let head: Vec<String> = (&mut lines).take(3).map(Result::unwrap).collect();
    drop(lines);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(head[0], "from_id,to_id,distance_km,rtt_ms");
    assert!(
        head[1].starts_with("p0,p0,0.0,") && head[2].starts_with("p0,p1,"),
        "{head:?}"
    );
}
