//! `hosting check URL CONFIG.JSON`: fetches every file of the build from the deployed folder
//! (with `curl`, which every host has, so this crate needs no TLS library) and says what is
//! served wrong, file by file.

use std::process::Command;

use registrar_core::config::{self, Config};
use registrar_core::hosting::{Hosting, check};

/// The report, and whether everything is right.
pub fn run(url: &str, config: &Config, files: &[String]) -> (String, bool) {
    let base = if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    };
    let hosting = Hosting::new(config);
    let mut problems = Vec::new();
    let folder = String::new();
    let config_file = "config.json".to_owned();
    let mut checked: Vec<&String> = vec![&folder, &config_file];
    checked.extend(files.iter().filter(|f| *f != &config_file));
    for file in &checked {
        match head(&format!("{base}{file}")) {
            Ok((status, headers)) => {
                problems.extend(check::problems(&hosting, file, status, &headers));
            }
            Err(error) => problems.push(error),
        }
    }
    match body(&format!("{base}config.json")) {
        Ok(text) => match config::parse(&text) {
            Ok(served) if Hosting::new(&served) != hosting => problems.push(
                "config.json: the served file is not the one given here (its hosts or origins differ)"
                    .into(),
            ),
            Ok(_) => {}
            Err(error) => problems.push(format!(
                "config.json: the served file is not a configuration the app runs with:\n{error}"
            )),
        },
        Err(error) => problems.push(error),
    }
    let mut report = format!(
        "Checked {} addresses under {base}.\nThe onboarding app must list this SPA redirect URI \
         (Entra admin center > App registrations > Authentication): {base}redirect.html\n",
        checked.len()
    );
    if problems.is_empty() {
        report.push_str("Everything is served as it should be.\n");
    } else {
        report.push_str(&format!("{} problem(s):\n", problems.len()));
        for (problem, files) in grouped(&problems) {
            report.push_str(&format!("  - {}: {problem}\n", files.join(", ")));
        }
    }
    (report, problems.is_empty())
}

/// The same problem of several files once, with the files' names (`file: problem` each).
fn grouped(problems: &[String]) -> Vec<(&str, Vec<&str>)> {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in problems {
        let (file, problem) = line.split_once(": ").unwrap_or(("", line));
        match groups.iter_mut().find(|(known, _)| *known == problem) {
            Some((_, files)) => files.push(file),
            None => groups.push((problem, vec![file])),
        }
    }
    groups
}

/// The status and headers of a GET of `url` as a browser asks (accepting gzip and brotli; no
/// redirect followed: an app file must not move).
fn head(url: &str) -> Result<(u16, Vec<(String, String)>), String> {
    let accept = "Accept-Encoding: gzip, br";
    let output = curl(&["-H", accept, "-o", "/dev/null", "-D", "-", url])?;
    let mut lines = output.lines();
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or(format!("{url}: no HTTP answer"))?;
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    Ok((status, headers))
}

fn body(url: &str) -> Result<String, String> {
    curl(&["-f", url])
}

fn curl(args: &[&str]) -> Result<String, String> {
    let output = Command::new("curl")
        .args(["-sS", "--max-time", "20"])
        .args(args)
        .output()
        .map_err(|e| format!("curl could not run ({e}): install curl"))?;
    if !output.status.success() {
        let url = args.last().copied().unwrap_or_default();
        return Err(format!(
            "{url}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
