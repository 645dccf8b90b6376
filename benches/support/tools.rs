//! What the side-by-side benchmarks share: running a tool under
//! `/usr/bin/time -v` for its wall time and peak memory, medians of
//! interleaved runs, and installing sqlite3 and time when missing.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The sqlite3 CLI and GNU time, installed through apt-get if missing.
pub fn ensure_tools() {
    let present = || {
        let sqlite = Command::new("sqlite3").arg("-version").output();
        sqlite.is_ok_and(|o| o.status.success()) && Path::new("/usr/bin/time").exists()
    };
    if present() {
        return;
    }
    println!("installing sqlite3 and time (apt-get)…");
    let apt = |args: &[&str]| {
        Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .is_ok_and(|s| s.success())
    };
    let _ = apt(&["update", "-qq"]) && apt(&["install", "-y", "-qq", "sqlite3", "time"]);
    assert!(
        present(),
        "this benchmark needs the sqlite3 CLI and /usr/bin/time: install the sqlite3 and time packages"
    );
}

/// Every run's wall time, in the order they ran.
pub fn print_all(label: &str, runs: &[Run]) {
    let walls: Vec<String> = runs
        .iter()
        .map(|r| format!("{:.2}", r.wall.as_secs_f64()))
        .collect();
    println!("  {label} runs: {} s", walls.join(", "));
}

/// The run with the median wall time (its own peak memory with it).
pub fn median_run(mut v: Vec<Run>) -> Run {
    v.sort_by_key(|r| r.wall);
    v.swap_remove(v.len() / 2)
}

pub struct Run {
    pub wall: Duration,
    pub peak_kb: u64,
}

/// Runs `cmd` under `/usr/bin/time -v` for its peak memory; fails loudly on a non-zero exit.
pub fn timed(cmd: &mut Command) -> Run {
    timed_output(cmd).0
}

/// `timed`, with what the command printed.
pub fn timed_output(cmd: &mut Command) -> (Run, String) {
    let program = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(&program)
        .args(&args)
        .output()
        .expect("run /usr/bin/time (apt-get install -y time)");
    let wall = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{program:?} failed: {}",
        stderr.lines().take(5).collect::<Vec<_>>().join("\n")
    );
    let peak_kb = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    (
        Run { wall, peak_kb },
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

pub fn print_run(label: &str, run: &Run, rows: u64) {
    println!(
        "  {label:<32} {:>6.2} s  {:>8.0}  {:>6.0} MB",
        run.wall.as_secs_f64(),
        rows as f64 / run.wall.as_secs_f64(),
        run.peak_kb as f64 / 1024.0
    );
}
