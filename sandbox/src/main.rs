//! `sandbox-tenant`: serves the app, the sample dashboard and the emulated tenant on one port.
//!
//! ```text
//! sandbox-tenant [--port N] [--app-dir DIR] [--dashboard-dir DIR] [--config FILE] [--faults SPEC]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use sandbox_tenant::sites::{self, AppConfig, Site, SitesOptions};
use sandbox_tenant::tenant::{FaultPlan, seed};

const USAGE: &str = "usage: sandbox-tenant [--port N] [--app-dir DIR] [--dashboard-dir DIR] [--config FILE] [--faults SPEC]
  --port N           port for every site (default 8400; 0 picks a free one)
  --app-dir DIR      the built app (default dist)
  --dashboard-dir D  the sample dashboard (default examples/dashboard)
  --config FILE      serve this file as the app's config.json instead of one for the sandbox
  --faults SPEC      faults and latency to inject (see sandbox/README.md)";

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("sandbox-tenant: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if !options.app_dir.join("index.html").is_file() {
        eprintln!(
            "sandbox-tenant: no index.html in {}: build the app first (scripts/start does).",
            options.app_dir.display()
        );
        return ExitCode::from(2);
    }
    let running = match sites::serve(options).await {
        Ok(running) => running,
        Err(error) => {
            eprintln!(
                "sandbox-tenant: cannot listen: {error} (is another copy running? try --port)"
            );
            return ExitCode::FAILURE;
        }
    };
    print_welcome(running.port);
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("sandbox-tenant: {error}");
    }
    running.stop();
    ExitCode::SUCCESS
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<SitesOptions, String> {
    let mut options = SitesOptions::default();
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Err("help".into());
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--port" => {
                options.port = value
                    .parse()
                    .map_err(|_| format!("--port {value}: not a port number"))?
            }
            "--app-dir" => options.app_dir = PathBuf::from(value),
            "--dashboard-dir" => options.dashboard_dir = PathBuf::from(value),
            "--config" => {
                let text = std::fs::read_to_string(&value)
                    .map_err(|e| format!("--config {value}: {e}"))?;
                options.app_config = AppConfig::Literal(text);
            }
            "--faults" => {
                options.faults = FaultPlan::parse(&value).map_err(|e| format!("--faults: {e}"))?
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(options)
}

fn print_welcome(port: u16) {
    println!(
        "\nM365 Registrar is running against the sandbox tenant.\n\n  \
         Open the app:        {}/\n  \
         Sample dashboard:    {}/  (opens the app in a window, or embeds it)\n  \
         Backup-server stand-in: {}/api/onboarding, /api/handoff-key and /api/handoff (the vendor's side)\n  \
         What the tenant holds: {}/\n\n  \
         Sign in as {} (Global Administrator); other seeded users are listed on the sign-in page.\n\n\
         Press Ctrl+C to stop.",
        Site::App.origin(port),
        Site::Dashboard.origin(port),
        Site::Dashboard.origin(port),
        Site::Sandbox.origin(port),
        seed::GLOBAL_ADMIN,
    );
}
