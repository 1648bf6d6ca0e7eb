//! Prints the headers a host must send with the app, as a recipe for that host, from the
//! deployment's `config.json` and the build's files; or checks a deployment against them
//! (README, "Hosting it yourself"):
//!
//! ```text
//! cargo run -p sandbox-tenant --bin hosting -- RECIPE CONFIG.JSON [--dist DIR] [--path /registrar/] [--root DIR]
//! cargo run -p sandbox-tenant --bin hosting -- check https://host/registrar/ CONFIG.JSON [--dist DIR]
//! ```
//!
//! The sandbox's own server sends the same headers ([`registrar_core::hosting`]), so what the
//! tests run under and what is deployed cannot drift apart.

mod check;

use std::path::PathBuf;
use std::process::ExitCode;

use registrar_core::config;
use registrar_core::hosting::Hosting;
use registrar_core::hosting::recipes::{self, Deployment, RECIPES};

fn usage() -> String {
    let recipes: Vec<String> = RECIPES
        .iter()
        .map(|(name, what)| format!("  {name:<14} {what}"))
        .collect();
    format!(
        "usage: hosting RECIPE CONFIG.JSON [--dist DIR] [--path /registrar/] [--root DIR]\n\
         \x20      hosting check URL CONFIG.JSON [--dist DIR]\n\
         RECIPE is one of:\n{}\n\
         --dist: the build (default dist); --path: the app's folder on the site (default /);\n\
         --root: the server's folder that holds that path, or the S3 bucket (default /srv/www)",
        recipes.join("\n")
    )
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok((text, true)) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Ok((text, false)) => {
            print!("{text}");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("hosting: {error}");
            ExitCode::FAILURE
        }
    }
}

/// What to print, and whether it is a success.
fn run(args: Vec<String>) -> Result<(String, bool), String> {
    let mut positional = Vec::new();
    let mut dist = PathBuf::from("dist");
    let mut path = "/".to_owned();
    let mut root = "/srv/www".to_owned();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or(format!("{name} needs a value\n{}", usage()))
        };
        match arg.as_str() {
            "--dist" => dist = PathBuf::from(value("--dist")?),
            "--path" => path = value("--path")?,
            "--root" => root = value("--root")?,
            "-h" | "--help" => return Err(usage()),
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}\n{}", usage())),
            _ => positional.push(arg),
        }
    }
    let (recipe, url, config_file) = match positional.as_slice() {
        [check, url, config_file] if check == "check" => (check, Some(url), config_file),
        [recipe, config_file] => (recipe, None, config_file),
        _ => return Err(usage()),
    };
    let text = std::fs::read_to_string(config_file)
        .map_err(|e| format!("cannot read {config_file}: {e}"))?;
    let config = config::parse(&text).map_err(|error| {
        format!("{config_file} is not a configuration the app runs with:\n{error}")
    })?;
    let files = build_files(&dist)?;
    if let Some(url) = url {
        return Ok(check::run(url, &config, &files));
    }
    let deployment = Deployment {
        path: Deployment::normalise_path(&path)?,
        files,
        root,
    };
    recipes::render(recipe, &Hosting::new(&config), &deployment)
        .map(|text| (text, true))
        .ok_or(format!("no recipe {recipe:?}\n{}", usage()))
}

/// The build's files and `config.json` (which the host adds), sorted (Trunk writes them all at
/// the top of `dist/`).
fn build_files(dist: &PathBuf) -> Result<Vec<String>, String> {
    let missing = || {
        format!(
            "no build in {}: run `trunk build --release` first, or pass --dist",
            dist.display()
        )
    };
    let entries = std::fs::read_dir(dist).map_err(|_| missing())?;
    let mut files: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        // `name.gz` and `name.br` are `name` compressed (scripts/post-build.sh), not files of
        // their own: a host sends them for `name`.
        .filter(|file| !file.ends_with(".gz") && !file.ends_with(".br"))
        .collect();
    if !files.iter().any(|file| file == "index.html") {
        return Err(missing());
    }
    if !files.iter().any(|file| file == "config.json") {
        files.push("config.json".into());
    }
    files.sort();
    Ok(files)
}
