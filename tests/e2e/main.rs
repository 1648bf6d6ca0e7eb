//! End-to-end tests: the release build of the app, served by the sandbox tenant's sites, driven in
//! real headless Chromium as a person would use it. `scripts/test` builds `dist/` first.
#![cfg(not(target_arch = "wasm32"))]

mod a11y;
mod attacks;
mod browser;
mod certificate;
mod consent_words;
mod devtools;
mod flows;
mod handoff;
mod hosting;
mod languages;
mod paths;
mod production_browser;
mod registration;
mod sign_in;
mod sign_in_failures;
mod startup;
mod walkthrough;
