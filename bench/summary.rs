//! `scripts/bench`'s one table: each benchmark adds its rows (Markdown: benchmark, figure,
//! budget) to the file `BENCH_SUMMARY` names, and the script prints them together at the end.
//! Included by `#[path]` in the benchmarks (examples/*_benchmark.rs, core/examples/).

/// Adds `rows` to the table, when run by `scripts/bench`; nothing otherwise.
pub fn summarize(rows: &str) {
    let Ok(path) = std::env::var("BENCH_SUMMARY") else {
        return;
    };
    let appended = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .and_then(|mut file| std::io::Write::write_all(&mut file, rows.as_bytes()));
    if let Err(error) = appended {
        eprintln!("could not add to {path}: {error}");
    }
}
