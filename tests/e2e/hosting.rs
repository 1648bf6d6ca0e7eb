//! The build as hosts serve it: the sandbox's server and Debian's nginx, both with the headers
//! `core/src/hosting` computes (the nginx one through its generated recipe), at a host's root and
//! in a sub-folder; and a broken or tampered build, which the page must refuse out loud.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use registrar_core::config;
use registrar_core::hosting::Hosting;
use registrar_core::hosting::recipes::{self, Deployment};
use sandbox_tenant::sites::{AppConfig, Site, SitesOptions, sandbox_app_config};
use sandbox_tenant::tenant::seed;

use crate::browser::{PATIENCE, Session, dist_dir, free_port};

const NGINX: &str = "/usr/sbin/nginx";
use crate::flows::{
    Reloads, hold_the_current_configuration, release_the_current_configuration, shown_secret,
    sign_in_in_popup,
};
use crate::sign_in_failures::assert_worker_module_refused;

/// A fresh folder for one test's files.
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("registrar-hosting-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// The release build's files, copied into `to` with their pre-compressed copies; the files
/// without those.
pub(crate) fn copy_build(to: &Path) -> Vec<String> {
    std::fs::create_dir_all(to).expect("the copy's folder");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dist_dir()).expect("dist/").flatten() {
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            std::fs::copy(entry.path(), to.join(&name)).expect("a copied file");
            if !name.ends_with(".gz") && !name.ends_with(".br") {
                files.push(name);
            }
        }
    }
    files.sort();
    files
}

/// Removes `file`'s pre-compressed copies (`.gz`, `.br`), which a host would send in its place:
/// a file a test changes or removes is then what the browser gets.
pub(crate) fn without_compressed_copies(file: &Path) -> &Path {
    for extension in ["gz", "br"] {
        let mut copy = file.as_os_str().to_owned();
        copy.push(format!(".{extension}"));
        let _ = std::fs::remove_file(copy);
    }
    file
}

/// The build's file whose name ends with `suffix` and is not the worker's.
fn build_file(files: &[String], suffix: &str) -> String {
    files
        .iter()
        .find(|f| f.ends_with(suffix) && f.starts_with("m365-registrar-"))
        .cloned()
        .unwrap_or_else(|| panic!("no m365-registrar-*{suffix} in {files:?}"))
}

/// `GET path` with `Host: app.localhost` over plain HTTP/1.1: the status and the headers, names
/// lowercase. On the blocking pool: the sandbox answers on this test's own runtime.
async fn get(port: u16, path: &str) -> (u16, Vec<(String, String)>) {
    let path = path.to_owned();
    tokio::task::spawn_blocking(move || get_blocking(port, &path))
        .await
        .expect("the request runs")
}

/// `GET path` as a browser asks for it, accepting gzip: the status and the headers.
async fn get_compressed(port: u16, path: &str) -> (u16, Vec<(String, String)>) {
    let path = path.to_owned();
    tokio::task::spawn_blocking(move || {
        get_blocking_with(port, &path, "Accept-Encoding: gzip, deflate\r\n")
    })
    .await
    .expect("the request runs")
}

fn get_blocking(port: u16, path: &str) -> (u16, Vec<(String, String)>) {
    get_blocking_with(port, path, "")
}

fn get_blocking_with(port: u16, path: &str, extra: &str) -> (u16, Vec<(String, String)>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the server answers");
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: app.localhost:{port}\r\n{extra}Connection: close\r\n\r\n"
    );
    stream
        .write_all(request.as_bytes())
        .expect("the request is sent");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer);
    let head = text.split("\r\n\r\n").next().unwrap_or_default();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    (status, headers)
}

/// Each kind of file under `folder` is served with exactly the headers of `hosting`, and no
/// `Cross-Origin-Opener-Policy`.
async fn assert_served_with(port: u16, folder: &str, hosting: &Hosting, files: &[String]) {
    let wasm = build_file(files, "_bg.wasm");
    let glue = build_file(files, ".js");
    for file in [
        "",
        "index.html",
        "config.json",
        "redirect.html",
        "relay.html",
        wasm.as_str(),
        glue.as_str(),
        "registration-worker_bg.wasm",
        "registration-worker-loader.js",
        registrar_core::wizard::words::GERMAN_PAGE_WORDS_FILE,
    ] {
        let (status, served) = get(port, &format!("{folder}{file}")).await;
        assert_eq!(status, 200, "{folder}{file}");
        for (name, value) in hosting.headers_for(file) {
            let got: Vec<&String> = served
                .iter()
                .filter(|(n, _)| *n == name.to_ascii_lowercase())
                .map(|(_, v)| v)
                .collect();
            assert_eq!(got, [&value], "{name} of {folder}{file}");
        }
        assert!(
            !served
                .iter()
                .any(|(n, _)| n == "cross-origin-opener-policy"),
            "no COOP on {folder}{file}"
        );
    }
    // The modules travel compressed to a browser that accepts it (their pre-compressed copies,
    // scripts/post-build.sh): the page's at 42% of its size.
    for module in [wasm.as_str(), "registration-worker_bg.wasm"] {
        let (status, served) = get_compressed(port, &format!("{folder}{module}")).await;
        assert_eq!(status, 200, "{folder}{module}");
        let encoding = served.iter().find(|(n, _)| n == "content-encoding");
        assert_eq!(
            encoding.map(|(_, v)| v.as_str()),
            Some("gzip"),
            "{folder}{module} is sent compressed: {served:?}"
        );
        let vary = served.iter().find(|(n, _)| n == "vary");
        assert!(
            vary.is_some_and(|(_, v)| v.to_ascii_lowercase().contains("accept-encoding")),
            "{folder}{module}: caches are told the encoding was chosen: {served:?}"
        );
    }
}

/// Signs in at `app_url` as the Global Administrator and registers the app; returns the secret.
async fn register_at(session: &Session, app_url: &str) -> String {
    session.client.goto(app_url).await.expect("the app loads");
    sign_in_in_popup(session, seed::GLOBAL_ADMIN, &["#accept"]).await;
    session.click("#confirm-registration").await;
    let verified = session.text_of("#result #result-verified").await;
    assert!(verified.contains("matches the plan"), "{verified}");
    let url = session.client.current_url().await.expect("url");
    assert_eq!(url.as_str(), app_url, "no code or state in the URL");
    session.assert_no_stored_state().await;
    session.assert_no_console_errors().await;
    shown_secret(session).await
}

#[tokio::test]
async fn in_a_sub_folder_of_the_sandbox_the_app_registers_under_the_production_headers() {
    let options = SitesOptions {
        app_path: "/registrar/".into(),
        ..Session::options(AppConfig::Sandbox)
    };
    let session = Session::start_with(options).await;
    let port = session.sites.port;
    let config = config::parse(&sandbox_app_config(port)).expect("the sandbox configuration");
    let files = copy_build(&scratch("listing"));
    assert_served_with(port, "/registrar/", &Hosting::new(&config), &files).await;
    let (status, _) = get(port, "/index.html").await;
    assert_eq!(status, 404, "nothing at the root");

    let secret = register_at(&session, &session.url(Site::App, "/registrar/")).await;
    assert!(!secret.is_empty());
    session.finish().await;
}

/// nginx, started as this user on a loopback port with the generated recipe, until dropped.
struct Nginx {
    process: Child,
    port: u16,
}

impl Nginx {
    /// Serves `www` (the build at its root and in `registrar/`) with the recipes for both.
    fn start(dir: &Path, www: &Path, hosting: &Hosting, files: &[String], port: u16) -> Nginx {
        let locations: String = ["/", "/registrar/"]
            .iter()
            .map(|path| {
                let deployment = Deployment {
                    path: (*path).into(),
                    files: files.to_vec(),
                    root: www.display().to_string(),
                };
                recipes::render("nginx", hosting, &deployment).expect("the nginx recipe")
            })
            .collect();
        let d = dir.display();
        let conf = format!(
            "daemon off;\nmaster_process off;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
             events {{}}\nhttp {{\n  access_log off;\n  client_body_temp_path {d}/body;\n\
             proxy_temp_path {d}/proxy;\n  fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n\
             scgi_temp_path {d}/scgi;\n  server {{\n    listen 127.0.0.1:{port};\n    server_name app.localhost;\n\
             {locations}\n  }}\n}}\n"
        );
        let conf_file = dir.join("nginx.conf");
        std::fs::write(&conf_file, conf).expect("nginx.conf");
        let process = Command::new(NGINX)
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(&conf_file)
            .arg("-e")
            .arg(dir.join("error.log"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("nginx starts (scripts/test installs Debian's nginx-light)");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < PATIENCE,
                "nginx never listened on {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Nginx { process, port }
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

#[tokio::test]
async fn nginx_with_the_generated_recipe_serves_the_app_at_the_root_and_in_a_sub_folder() {
    // The tenant must know nginx's redirect pages before it starts.
    let nginx_port = free_port();
    let app_at = |path: &str| format!("http://app.localhost:{nginx_port}{path}");
    let options = SitesOptions {
        extra_redirect_uris: vec![app_at("/redirect.html"), app_at("/registrar/redirect.html")],
        ..Session::options(AppConfig::Sandbox)
    };
    let session = Session::start_with(options).await;
    let config_text = sandbox_app_config(session.sites.port);
    let config = config::parse(&config_text).expect("the sandbox configuration");
    let hosting = Hosting::new(&config);

    let dir = scratch("nginx");
    let www = dir.join("www");
    let files = copy_build(&www);
    copy_build(&www.join("registrar"));
    for folder in [www.clone(), www.join("registrar")] {
        std::fs::write(folder.join("config.json"), &config_text).expect("config.json");
    }
    let nginx = Nginx::start(&dir, &www, &hosting, &files, nginx_port);
    for folder in ["/", "/registrar/"] {
        assert_served_with(nginx.port, folder, &hosting, &files).await;
    }
    let (status, _) = get(nginx.port, "/registrar/missing.wasm").await;
    assert_eq!(status, 404);

    // At the root the first screen runs; in the sub-folder the whole registration.
    session
        .client
        .goto(&app_at("/"))
        .await
        .expect("the app loads");
    let welcome = session.text_of("#welcome h1").await;
    assert!(!welcome.is_empty());
    session.assert_no_console_errors().await;
    let secret = register_at(&session, &app_at("/registrar/")).await;
    assert!(!secret.is_empty());
    drop(nginx);
    session.finish().await;
}

/// Flips one bit of `module`'s last byte: the file is not the one the build hashed.
fn tamper(module: &Path) {
    let module = without_compressed_copies(module);
    let mut bytes = std::fs::read(module).expect("the module");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    std::fs::write(module, bytes).expect("the tampered module");
}

/// Opens the app served from `app_dir` (a changed copy of the build) and returns what the page
/// says in the starter's place: it must say it and show nothing of the app.
async fn refusal_of_a_broken_build(app_dir: PathBuf) -> String {
    let options = SitesOptions {
        app_dir,
        ..Session::options(AppConfig::Sandbox)
    };
    let session = Session::open_app(options).await;
    let said = session.text_of("#starting[role=alert]").await;
    assert!(!session.shows("#welcome").await, "no app after: {said}");
    session.finish().await;
    said
}

#[tokio::test]
async fn a_tampered_module_is_refused_and_the_page_says_so() {
    let dir = scratch("tampered");
    let files = copy_build(&dir);
    tamper(&dir.join(build_file(&files, "_bg.wasm")));

    let said = refusal_of_a_broken_build(dir).await;
    assert!(said.contains("This page could not start"), "{said}");
    assert!(
        said.contains("is not the file this page was built with"),
        "{said}"
    );
}

#[tokio::test]
async fn a_missing_glue_and_a_fallback_page_for_the_module_are_said_on_the_page() {
    let dir = scratch("missing");
    let files = copy_build(&dir);
    let glue = build_file(&files, ".js");
    std::fs::remove_file(without_compressed_copies(&dir.join(&glue))).expect("the glue removed");
    let said = refusal_of_a_broken_build(dir).await;
    assert!(
        said.contains(&format!("{glue} answered HTTP 404")),
        "{said}"
    );

    // A server that answers every path with its index page, as single-page hosts do.
    let dir = scratch("fallback");
    let files = copy_build(&dir);
    let wasm = build_file(&files, "_bg.wasm");
    let module = dir.join(&wasm);
    std::fs::copy(dir.join("index.html"), without_compressed_copies(&module))
        .expect("the fallback page");
    let said = refusal_of_a_broken_build(dir).await;
    assert!(said.contains(&wasm), "{said}");
    assert!(
        said.contains("is not the file this page was built with"),
        "{said}"
    );
}

#[tokio::test]
async fn a_tampered_worker_module_is_refused_and_nothing_is_written() {
    let dir = scratch("tampered-worker");
    copy_build(&dir);
    tamper(&dir.join("registration-worker_bg.wasm"));
    let session = assert_worker_module_refused(dir).await;
    assert!(
        session
            .sites
            .tenant
            .apps_by_display_name("Sandbox Backup")
            .is_empty()
    );
    session.finish().await;
}

/// The welcome's heading now, or "" while the page loads (again).
async fn welcome_heading(session: &Session) -> String {
    let heading = "return document.querySelector('#welcome h1')?.textContent ?? '';";
    session
        .client
        .execute(heading, vec![])
        .await
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A copy of the build in a scratch folder `name` with the sandbox's `config.json`, visited once
/// (the browser keeps that `config.json`): the session, the folder, the file's text, the page.
async fn visited_once_from_a_copy(name: &str) -> (Session, PathBuf, String, String) {
    let dir = scratch(name);
    copy_build(&dir);
    let options = SitesOptions {
        app_dir: dir.clone(),
        ..Session::options(AppConfig::FromAppDir)
    };
    let session = Session::start_with(options).await;
    let config_text = sandbox_app_config(session.sites.port);
    std::fs::write(dir.join("config.json"), &config_text).expect("config.json");
    let url = session.url(Site::App, "/");
    session.visit(&url).await;
    (session, dir, config_text, url)
}

/// Waits until the welcome names the changed configuration's app ("Contoso Backup").
async fn wait_for_changed_configuration(session: &Session) {
    let started = Instant::now();
    loop {
        let heading = welcome_heading(session).await;
        if heading.contains("Contoso Backup") {
            return;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "the changed configuration never came into use: {heading:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_changed_configuration_is_in_use_from_the_next_load() {
    let (session, dir, config_text, url) = visited_once_from_a_copy("changed-config").await;
    let first = session.text_of("#welcome h1").await;
    assert!(first.contains("Sandbox Backup"), "{first}");

    // The browser keeps that copy for an hour (stale-while-revalidate); the host changes it.
    let changed = config_text.replace("Sandbox Backup", "Contoso Backup");
    assert_ne!(changed, config_text);
    std::fs::write(dir.join("config.json"), changed).expect("the changed config.json");
    session.visit(&url).await;
    wait_for_changed_configuration(&session).await;
    session.assert_no_console_errors().await;
    session.finish().await;
}

/// The admin clicks "Sign in" before the current `config.json` arrived (the page started from
/// the copy the browser kept, and the host changed the file since): the sign-in's answer is not
/// redeemed with the old configuration; the page loads again with the current one.
#[tokio::test]
async fn a_sign_in_begun_with_a_kept_configuration_that_changed_is_not_redeemed_with_it() {
    let (session, dir, config_text, url) = visited_once_from_a_copy("changed-config-sign-in").await;
    session.text_of("#welcome h1").await;

    // The host changes the file; the current one is slow to come (held until released), as on
    // a slow line where the admin is quicker. Only on the first load: not on the page's own
    // reload.
    let changed = config_text.replace("Sandbox Backup", "Contoso Backup");
    std::fs::write(dir.join("config.json"), changed).expect("the changed config.json");
    hold_the_current_configuration(&session, Reloads::GoThrough).await;
    session.visit(&url).await;
    let kept = session.text_of("#welcome h1").await;
    assert!(
        kept.contains("Sandbox Backup"),
        "started from the kept copy: {kept}"
    );

    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#accept"]).await;
    release_the_current_configuration(&session).await;

    wait_for_changed_configuration(&session).await;
    assert!(!session.shows("#signed-in").await, "nobody is signed in");
    let codes: Vec<bool> = {
        let tenant = session.sites.tenant.lock();
        tenant.codes.values().map(|code| code.redeemed).collect()
    };
    assert_eq!(codes, [false], "one code issued, never redeemed");
    session.finish().await;
}

/// The page's module and glue, which scripts/post-build.sh rewrites after Trunk named them, are
/// named by their final bytes (the first 16 hex digits of their SHA-256): browsers keep a hashed
/// name for a year, so a name must never stand for other bytes.
#[test]
fn the_files_the_build_rewrote_are_named_by_their_bytes() {
    use sha2::{Digest, Sha256};
    let mut named = 0;
    for entry in std::fs::read_dir(dist_dir()).expect("dist/").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix("m365-registrar-") else {
            continue;
        };
        let Some(hash) = rest
            .strip_suffix("_bg.wasm")
            .or_else(|| rest.strip_suffix(".js"))
        else {
            continue;
        };
        let bytes = std::fs::read(entry.path()).expect("a build file");
        let digest: String = Sha256::digest(&bytes)[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(hash, digest, "{name} is not named by its bytes");
        named += 1;
    }
    assert_eq!(named, 2, "the page's module and its glue");
}
