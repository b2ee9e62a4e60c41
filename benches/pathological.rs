//! Time and peak memory of the pathological shapes (tests/shapes) at full sizes, per doubling.
//!
//! ```sh
//! cargo bench --bench pathological                  # every shape at 4, 8 and 16 MiB
//! cargo bench --bench pathological -- --max 64      # … up to 64 MiB (the text limit)
//! cargo bench --bench pathological -- headings      # the shapes whose name holds a word
//! ```
//!
//! Each review runs in a process of its own (this bench, started again), so that its peak
//! memory (VmHWM) is its own; the time is the CPU time of the reviewing thread. A growth above
//! 2.5× per doubling is marked `!`. `cargo test --test pathological` counts the work of the
//! same shapes at small sizes.

#[path = "../tests/shapes/mod.rs"]
mod shapes;

use std::process::Command;
use std::time::Duration;

use shengao::analyze;
use shengao::config::Config;
use shengao::input;

use shapes::SHAPES;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let [flag, name, size] = args.as_slice()
        && flag == "--child"
    {
        child(name, size.parse().expect("a size in bytes"));
        return;
    }
    let mut max_mib = 16usize;
    let mut words = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--max" {
            max_mib = rest.next().and_then(|m| m.parse().ok()).expect("--max MIB");
        } else {
            words.push(arg.clone());
        }
    }
    let exe = std::env::current_exe().expect("the bench's own path");
    println!(
        "{:36} {:>10} {:>10} {:>8} {:>10} {:>7}",
        "shape", "bytes", "cpu ms", "growth", "peak MB", "growth"
    );
    for shape in SHAPES {
        if !words.is_empty() && !words.iter().any(|w| shape.name.contains(w.as_str())) {
            continue;
        }
        let mut last: Option<(f64, f64)> = None;
        for size in [max_mib / 4, max_mib / 2, max_mib].map(|m| m << 20) {
            let output = Command::new(&exe)
                .args(["--child", shape.name, &size.to_string()])
                .output()
                .expect("the bench started again");
            let line = String::from_utf8_lossy(&output.stdout);
            let Some((bytes, cpu, peak)) = parse(&line) else {
                println!("{:36} {size:>10} failed: {}", shape.name, line.trim());
                break;
            };
            let growth = |now: f64, before: Option<f64>| match before {
                Some(b) if b > 0.0 => {
                    let g = now / b;
                    format!("×{g:.2}{}", if g > 2.5 { "!" } else { "" })
                }
                _ => String::new(),
            };
            println!(
                "{:36} {bytes:>10} {:>10.0} {:>8} {:>10.0} {:>7}",
                shape.name,
                cpu,
                growth(cpu, last.map(|l| l.0)),
                peak,
                growth(peak, last.map(|l| l.1)),
            );
            last = Some((cpu, peak));
        }
    }
}

/// `bytes cpu_ms peak_mb` from a child's line.
fn parse(line: &str) -> Option<(usize, f64, f64)> {
    let mut parts = line.split_whitespace();
    Some((
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
    ))
}

/// Reviews one shape at one size and prints `bytes cpu_ms peak_mb`.
fn child(name: &str, size: usize) {
    let shape = SHAPES.iter().find(|s| s.name == name).expect("a shape");
    let bytes = (shape.shape)(size);
    let before = thread_cpu_time();
    let reviewed = input::from_bytes(name, &bytes, None).map(|input| {
        let report = analyze::review(input, &Config::default());
        let mut json = Vec::new();
        serde_json::to_writer(&mut json, &report).expect("JSON");
        json.len()
    });
    let cpu = thread_cpu_time().saturating_sub(before);
    if let Err(e) = reviewed {
        println!("refused: {e}");
        return;
    }
    println!(
        "{} {:.1} {:.1}",
        bytes.len(),
        cpu.as_secs_f64() * 1e3,
        peak_kb() as f64 / 1024.0
    );
}

/// CPU time this thread has used (Linux), else zero.
fn thread_cpu_time() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_default()
}

/// This process's peak resident memory in KiB (Linux's VmHWM), else zero.
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}
