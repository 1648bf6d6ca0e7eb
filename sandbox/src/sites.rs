//! The local sites, all on one port, told apart by their `Host` header.
//!
//! | site                    | what it serves                                         |
//! |-------------------------|--------------------------------------------------------|
//! | `app.localhost`         | the built app (`dist/`) and its generated `config.json` |
//! | `dashboard.localhost`   | the sample vendor dashboard that opens or embeds the app |
//! | `login.localhost`       | the emulated Entra ID sign-in                           |
//! | `graph.localhost`       | the emulated Microsoft Graph                            |
//! | `sandbox.localhost`     | a read-only view of the tenant, for demos and tests     |
//!
//! The dashboard site also carries the vendor's backup-server stand-in (`/api/onboarding`, `/api/handoff-key`,
//! `/api/handoff`, see [`crate::backup_server`]) and the hostile page at `/hostile.html`; the
//! dashboard's look-alike hosts ([`LOOKALIKE_HOSTS`]) serve only the hostile page
//! ([`crate::hostile`]), for the hand-off's attack tests.
//!
//! Browsers resolve every `*.localhost` name to loopback, treat it as a secure context, and count
//! `app.localhost` and `dashboard.localhost` as different sites: framing, popups and storage
//! partitioning behave as they do between real domains.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tower::ServiceExt;
use tower_http::services::ServeDir;

use registrar_core::hosting::Hosting;

use crate::backup_server::{self, BackupServer};
use crate::hostile;
use crate::tenant::{self, FaultPlan, Tenant, TenantOptions};

/// The port README command 1 uses.
pub const DEFAULT_PORT: u16 = 8400;

/// One of the local sites.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    App,
    Dashboard,
    Login,
    Graph,
    Sandbox,
}

impl Site {
    pub const ALL: [Site; 5] = [
        Site::App,
        Site::Dashboard,
        Site::Login,
        Site::Graph,
        Site::Sandbox,
    ];

    pub fn host(self) -> &'static str {
        match self {
            Site::App => "app.localhost",
            Site::Dashboard => "dashboard.localhost",
            Site::Login => "login.localhost",
            Site::Graph => "graph.localhost",
            Site::Sandbox => "sandbox.localhost",
        }
    }

    /// `http://{host}:{port}`: plain HTTP is fine on loopback names, which browsers treat as secure.
    pub fn origin(self, port: u16) -> String {
        format!("http://{}:{port}", self.host())
    }
}

/// Hosts that look like the dashboard's and serve the hostile page at any path: a suffix
/// look-alike (its origin ends with `dashboard.localhost:PORT`) and a prefix look-alike (its
/// origin starts with `http://dashboard.localhost`).
pub const LOOKALIKE_HOSTS: [&str; 2] = [
    "evil-dashboard.localhost",
    "dashboard.localhost.evil.localhost",
];

/// The dashboard's look-alike origins, for tests that check an origin is compared exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookalike {
    /// `http://evil-dashboard.localhost:PORT`
    Suffix,
    /// `http://dashboard.localhost.evil.localhost:PORT`
    Prefix,
    /// `http://dashboard.localhost:OTHER_PORT` (only with [`SitesOptions::second_port`])
    OtherPort,
}

/// What `app.localhost/config.json` answers.
#[derive(Clone, Debug)]
pub enum AppConfig {
    /// A configuration pointing the app at this sandbox tenant (the default).
    Sandbox,
    /// This exact text, e.g. a broken file for a test, or a host's own file.
    Literal(String),
    /// Whatever `app_dir` holds (a 404 if nothing).
    FromAppDir,
}

/// How to run the sites.
#[derive(Clone, Debug)]
pub struct SitesOptions {
    pub bind: IpAddr,
    /// 0 picks a free port (tests).
    pub port: u16,
    pub app_dir: PathBuf,
    pub dashboard_dir: PathBuf,
    pub app_config: AppConfig,
    pub faults: FaultPlan,
    /// How long an authorization code stays redeemable (Entra: 10 minutes); tests shorten it.
    pub code_lifetime: Duration,
    /// Also listen on a second, free port serving the same sites, so that
    /// `http://dashboard.localhost:<other port>` exists (a same-host, other-port look-alike).
    pub second_port: bool,
    /// The app's folder on its site: `/`, or a sub-folder like `/registrar/` (a host serving
    /// `dist/` beside other things). The tenant's redirect URI follows it.
    pub app_path: String,
    /// More SPA redirect URIs for the onboarding app, e.g. the app served by another server.
    pub extra_redirect_uris: Vec<String>,
    /// Origins the app's `frame-ancestors` also admits beyond `handoffOrigins`: a host's mistake,
    /// for tests of the app's own checks ([`Hosting::also_framed_by`]).
    pub also_framed_by: Vec<String>,
}

impl Default for SitesOptions {
    fn default() -> Self {
        SitesOptions {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            app_dir: PathBuf::from("dist"),
            dashboard_dir: PathBuf::from("examples/dashboard"),
            app_config: AppConfig::Sandbox,
            faults: FaultPlan::default(),
            code_lifetime: TenantOptions::default().code_lifetime,
            second_port: false,
            app_path: "/".into(),
            extra_redirect_uris: Vec::new(),
            also_framed_by: Vec::new(),
        }
    }
}

/// The running sites. Dropping this does not stop them; call [`Sites::stop`].
pub struct Sites {
    pub port: u16,
    /// The second listener's port, with [`SitesOptions::second_port`].
    pub second_port: Option<u16>,
    pub tenant: Arc<Tenant>,
    /// The vendor's backup-server stand-in on the dashboard site.
    pub backup_server: Arc<BackupServer>,
    servers: Vec<JoinHandle<()>>,
}

impl Sites {
    pub fn origin(&self, site: Site) -> String {
        site.origin(self.port)
    }

    pub fn stop(self) {
        self.abort();
    }

    /// Stops serving without consuming `self` (for owners that hold the sites in a struct).
    pub fn abort(&self) {
        for server in &self.servers {
            server.abort();
        }
    }

    /// The origin of a look-alike of the dashboard; None for [`Lookalike::OtherPort`] without
    /// the second listener.
    pub fn lookalike_origin(&self, lookalike: Lookalike) -> Option<String> {
        match lookalike {
            Lookalike::Suffix => Some(format!("http://{}:{}", LOOKALIKE_HOSTS[0], self.port)),
            Lookalike::Prefix => Some(format!("http://{}:{}", LOOKALIKE_HOSTS[1], self.port)),
            Lookalike::OtherPort => self.second_port.map(|p| Site::Dashboard.origin(p)),
        }
    }

    /// `{origin}/hostile.html#…`: the hostile page at `origin` following `instructions`
    /// (`{"messages": [...], "null": bool, "delayMs": n}`, see [`crate::hostile`]).
    pub fn hostile_page_url(origin: &str, instructions: &Value) -> String {
        hostile::url(origin, instructions)
    }

    /// The backup server's public JWK for `alg` (`ECDH-ES+A256KW` or `RSA-OAEP-256`; `Null`
    /// otherwise), as `GET /api/handoff-key` answers it. The RSA key is made on first use
    /// (seconds in a debug build).
    pub fn handoff_public_jwk(&self, alg: &str) -> Value {
        self.backup_server.public_jwk(alg)
    }

    /// The backup server's private JWK for `alg`, so tests can open a JWE with another library.
    pub fn handoff_private_jwk(&self, alg: &str) -> Value {
        self.backup_server.private_jwk(alg)
    }

    /// The answers of the last hand-offs the backup server accepted, oldest first: `sealed`,
    /// `kid`, `onboardingId`, `stored` and `checks` (README, "The backup-server stand-in").
    pub fn handoffs_received(&self) -> Vec<Value> {
        self.backup_server.handoffs_received()
    }
}

/// Binds the port, seeds the tenant and starts serving every site.
pub async fn serve(options: SitesOptions) -> std::io::Result<Sites> {
    let listener = TcpListener::bind(SocketAddr::new(options.bind, options.port)).await?;
    let port = listener.local_addr()?.port();
    let tenant = Tenant::new(TenantOptions {
        sign_in_base: Site::Login.origin(port),
        graph_base: Site::Graph.origin(port),
        spa_redirect_uris: std::iter::once(format!(
            "{}{}redirect.html",
            Site::App.origin(port),
            options.app_path
        ))
        .chain(options.extra_redirect_uris.iter().cloned())
        .collect(),
        faults: options.faults.clone(),
        code_lifetime: options.code_lifetime,
        ..Default::default()
    });
    let backup_server = BackupServer::new(tenant.clone());
    let app = sites_router(&options, port, &tenant, &backup_server);
    let mut servers = vec![spawn_server(listener, app.clone())];
    let mut second_port = None;
    if options.second_port {
        let second = TcpListener::bind(SocketAddr::new(options.bind, 0)).await?;
        second_port = Some(second.local_addr()?.port());
        servers.push(spawn_server(second, app));
    }
    Ok(Sites {
        port,
        second_port,
        tenant,
        backup_server,
        servers,
    })
}

fn spawn_server(listener: TcpListener, app: Router) -> JoinHandle<()> {
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            eprintln!("sandbox-tenant: the server stopped: {error}");
        }
    })
}

/// Every site behind one Host dispatch (`port` is the main listener's: the app's configuration
/// and headers name it).
fn sites_router(
    options: &SitesOptions,
    port: u16,
    tenant: &Arc<Tenant>,
    backup_server: &Arc<BackupServer>,
) -> Router {
    let routers = Arc::new(Routers {
        app: app_site(options, port),
        // The stand-in's API and the hostile page come before the dashboard's static files.
        dashboard: backup_server::router(backup_server.clone())
            .route("/hostile.html", get(hostile::page))
            .fallback_service(ServeDir::new(&options.dashboard_dir))
            .layer(middleware::from_fn(with_opener_policy_on_request)),
        login: tenant::login_router(tenant.clone()),
        graph: tenant::graph_router(tenant.clone()),
        sandbox: tenant::inspection_router(tenant.clone()),
        lookalike: Router::new().fallback(hostile::page),
    });
    Router::new().fallback(dispatch).with_state(routers)
}

struct Routers {
    app: Router,
    dashboard: Router,
    login: Router,
    graph: Router,
    sandbox: Router,
    lookalike: Router,
}

async fn dispatch(State(routers): State<Arc<Routers>>, request: Request) -> Response {
    let host = host_of(&request);
    let site = host
        .as_deref()
        .and_then(|host| Site::ALL.into_iter().find(|s| s.host() == host));
    if host.is_some_and(|h| LOOKALIKE_HOSTS.contains(&h.as_str())) {
        return answer(routers.lookalike.clone(), request).await;
    }
    let router = match site {
        Some(Site::App) => routers.app.clone(),
        Some(Site::Dashboard) => routers.dashboard.clone(),
        Some(Site::Login) => routers.login.clone(),
        Some(Site::Graph) => routers.graph.clone(),
        Some(Site::Sandbox) => routers.sandbox.clone(),
        None => return unknown_site(&request),
    };
    answer(router, request).await
}

async fn answer(router: Router, request: Request) -> Response {
    match router.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// The host name without port, from `Host` (HTTP/1.1) or the URI's authority (HTTP/2).
fn host_of(request: &Request) -> Option<String> {
    let authority = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| request.uri().host())?;
    let host = authority
        .rsplit_once(':')
        .map_or(authority, |(host, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                host
            } else {
                authority
            }
        });
    Some(host.to_ascii_lowercase())
}

fn unknown_site(request: &Request) -> Response {
    let sites: Vec<&str> = Site::ALL
        .iter()
        .map(|s| s.host())
        .chain(LOOKALIKE_HOSTS)
        .collect();
    let body = format!(
        "No site here for host {:?}. This server answers for: {}.\n",
        host_of(request).unwrap_or_default(),
        sites.join(", ")
    );
    (StatusCode::MISDIRECTED_REQUEST, body).into_response()
}

/// The app's site at its path, with the headers a production host sends
/// ([`registrar_core::hosting`], README "Hosting it yourself").
fn app_site(options: &SitesOptions, port: u16) -> Router {
    // A release build has each file also as `.br` and `.gz` (scripts/post-build.sh): sent to a
    // browser that accepts them, as nginx's `gzip_static` and Caddy's `precompressed` do, so every
    // test downloads what an admin downloads.
    let files = Router::new().fallback_service(
        ServeDir::new(&options.app_dir)
            .precompressed_br()
            .precompressed_gzip(),
    );
    let served_config = match &options.app_config {
        AppConfig::FromAppDir => std::fs::read_to_string(options.app_dir.join("config.json")).ok(),
        AppConfig::Sandbox => Some(sandbox_app_config(port)),
        AppConfig::Literal(text) => Some(text.clone()),
    };
    let router = match (&options.app_config, &served_config) {
        (AppConfig::FromAppDir, _) | (_, None) => files,
        (_, Some(text)) => {
            let text = text.clone();
            files.route("/config.json", get(move || config_response(text.clone())))
        }
    };
    // A configuration the app refuses still gets a strict policy: the sandbox's own hosts.
    let config = served_config
        .as_deref()
        .and_then(|text| registrar_core::config::parse(text).ok())
        .or_else(|| registrar_core::config::parse(&sandbox_app_config(port)).ok());
    let hosting = config
        .as_ref()
        .map(|config| Hosting::new(config).also_framed_by(&options.also_framed_by));
    let hosting = Arc::new(hosting);
    let router = router.layer(middleware::from_fn(move |request: Request, next: Next| {
        let hosting = hosting.clone();
        async move { with_app_headers(request, next, hosting.as_ref().as_ref()).await }
    }));
    match options.app_path.trim_end_matches('/') {
        "" => router,
        folder => {
            let folder = Arc::new(folder.to_owned());
            Router::new().fallback(move |request: Request| {
                in_folder(router.clone(), folder.clone(), request)
            })
        }
    }
}

/// `request` to the app's sub-folder, answered by `router` as if the folder were the root; the
/// folder without its slash redirects to it, as static servers do; anything else is not found.
async fn in_folder(router: Router, folder: Arc<String>, mut request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let Some(rest) = path.strip_prefix(folder.as_str()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if rest.is_empty() {
        return axum::response::Redirect::permanent(&format!("{folder}/")).into_response();
    }
    if !rest.starts_with('/') {
        return StatusCode::NOT_FOUND.into_response();
    }
    let inner = match request.uri().query() {
        Some(query) => format!("{rest}?{query}"),
        None => rest.to_owned(),
    };
    match inner.parse() {
        Ok(uri) => *request.uri_mut() = uri,
        Err(_) => return StatusCode::BAD_REQUEST.into_response(),
    }
    answer(router, request).await
}

/// `?coop=same-origin` on a dashboard page serves it with `Cross-Origin-Opener-Policy:
/// same-origin`, the mistake that cuts a dashboard off from the registrar window it opens
/// (https://developer.mozilla.org/docs/Web/HTTP/Headers/Cross-Origin-Opener-Policy): the tests
/// check that the registrar notices.
async fn with_opener_policy_on_request(request: Request, next: Next) -> Response {
    let asked = request
        .uri()
        .query()
        .is_some_and(|query| query.split('&').any(|pair| pair == "coop=same-origin"));
    let mut response = next.run(request).await;
    if asked {
        response.headers_mut().insert(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        );
    }
    response
}

async fn config_response(text: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
}

/// The headers of the file asked for (its path relative to the app's folder, as nested).
async fn with_app_headers(request: Request, next: Next, hosting: Option<&Hosting>) -> Response {
    let file = request.uri().path().trim_start_matches('/').to_owned();
    let mut response = next.run(request).await;
    let Some(hosting) = hosting else {
        return response;
    };
    // An error page is not the file: it keeps its own type.
    let found = response.status().is_success();
    let headers = response.headers_mut();
    for (name, value) in hosting.headers_for(&file) {
        if name == "Content-Type" && !found {
            continue;
        }
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            headers.insert(name, value);
        }
    }
    // A pre-compressed copy was chosen by the request's Accept-Encoding: caches must know, as
    // nginx's `gzip_vary` and Caddy tell them (tower-http's ServeDir does not).
    if headers.contains_key(header::CONTENT_ENCODING) && !headers.contains_key(header::VARY) {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// The configuration README command 1 serves: the app signs in to this sandbox tenant.
pub fn sandbox_app_config(port: u16) -> String {
    let config = serde_json::json!({
        "clientId": tenant::seed::ONBOARDING_CLIENT_ID,
        "endpoints": {
            "signIn": Site::Login.origin(port),
            "graph": Site::Graph.origin(port),
        },
        "handoffOrigins": [Site::Dashboard.origin(port)],
        "appDisplayName": "Sandbox Backup",
        "permissionProfile": "full-backup",
        "secretLifetimeDays": 180,
        // The wizard's tenant preview, on, so the sandbox shows it.
        "tenantPreview": true,
    });
    serde_json::to_string_pretty(&config).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn request(host: &str) -> Request {
        Request::builder()
            .uri("/")
            .header(header::HOST, host)
            .body(Body::empty())
            .expect("a valid request")
    }

    #[test]
    fn host_is_read_without_port_and_case() {
        assert_eq!(
            host_of(&request("App.Localhost:8400")).as_deref(),
            Some("app.localhost")
        );
        assert_eq!(
            host_of(&request("login.localhost")).as_deref(),
            Some("login.localhost")
        );
    }

    #[test]
    fn unknown_hosts_are_refused_with_the_list_of_sites() {
        let response = unknown_site(&request("evil.example:8400"));
        assert_eq!(response.status(), StatusCode::MISDIRECTED_REQUEST);
    }

    /// Every site behind the Host dispatch, with folders that do not exist (no static files).
    fn sites() -> Router {
        let options = SitesOptions {
            port: 8400,
            app_dir: PathBuf::from("/nonexistent/app"),
            dashboard_dir: PathBuf::from("/nonexistent/dashboard"),
            ..SitesOptions::default()
        };
        let tenant = Tenant::new(TenantOptions::default());
        let backup_server = BackupServer::new(tenant.clone());
        sites_router(&options, 8400, &tenant, &backup_server)
    }

    async fn get(host: &str, path: &str) -> (StatusCode, Option<String>, String) {
        let request = Request::builder()
            .uri(path)
            .header(header::HOST, host)
            .body(Body::empty())
            .expect("a valid request");
        let response = sites().oneshot(request).await.expect("infallible");
        let status = response.status();
        let cache = response
            .headers()
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .map(String::from);
        let body = http_body_util::BodyExt::collect(response.into_body())
            .await
            .map(|b| String::from_utf8_lossy(&b.to_bytes()).into_owned())
            .unwrap_or_default();
        (status, cache, body)
    }

    fn is_hostile(body: &str) -> bool {
        body == hostile::HOSTILE_PAGE
    }

    #[tokio::test]
    async fn the_lookalike_hosts_serve_the_hostile_page_at_any_path() {
        for host in [
            "evil-dashboard.localhost:8400",
            "dashboard.localhost.evil.localhost:8400",
            "Evil-Dashboard.Localhost:8401",
        ] {
            for path in ["/", "/hostile.html", "/api/handoff-key", "/a/b?c=d"] {
                let (status, cache, body) = get(host, path).await;
                assert_eq!(status, StatusCode::OK, "{host}{path}");
                assert_eq!(cache.as_deref(), Some("no-store"), "{host}{path}");
                assert!(is_hostile(&body), "{host}{path}");
            }
        }
    }

    #[tokio::test]
    async fn the_dashboard_serves_the_hostile_page_and_the_backup_server_before_its_files() {
        let (status, _, body) = get("dashboard.localhost:8400", "/hostile.html").await;
        assert_eq!(status, StatusCode::OK);
        assert!(is_hostile(&body));
        let (status, _, body) = get("dashboard.localhost:8400", "/api/handoff-key").await;
        assert_eq!(status, StatusCode::OK);
        let jwk: Value = serde_json::from_str(&body).unwrap_or_default();
        assert_eq!(jwk["kty"], "EC", "{body}");
        let (status, _, _) = get("dashboard.localhost:8400", "/index.html").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // Only the dashboard: the app's site has no hostile page.
        let (status, _, body) = get("app.localhost:8400", "/hostile.html").await;
        assert!(!is_hostile(&body), "{status}");
    }

    #[tokio::test]
    async fn near_misses_of_the_lookalike_hosts_are_no_site() {
        for host in [
            "xevil-dashboard.localhost:8400",
            "evil-dashboard.localhost.example:8400",
            "dashboard.localhost.evil:8400",
            "evil.localhost:8400",
        ] {
            let (status, _, _) = get(host, "/").await;
            assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{host}");
        }
    }

    #[test]
    fn the_lookalike_origins_look_like_the_dashboard() {
        let dashboard = Site::Dashboard.origin(8400);
        let suffix = format!("http://{}:8400", LOOKALIKE_HOSTS[0]);
        let prefix = format!("http://{}:8400", LOOKALIKE_HOSTS[1]);
        assert!(suffix.ends_with("dashboard.localhost:8400") && suffix != dashboard);
        assert!(prefix.starts_with("http://dashboard.localhost") && prefix != dashboard);
    }

    #[test]
    fn the_hostile_page_url_carries_its_instructions_uri_encoded() {
        let instructions = serde_json::json!({
            "messages": [{ "type": "m365-registrar.start", "version": 1, "onboardingId": "a b#&+" }],
            "null": true,
            "delayMs": 50,
        });
        let url = Sites::hostile_page_url("http://evil-dashboard.localhost:8400", &instructions);
        let (page, fragment) = url.split_once('#').unwrap_or_default();
        assert_eq!(page, "http://evil-dashboard.localhost:8400/hostile.html");
        assert!(
            fragment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '%')
        );
        let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
        assert_eq!(
            serde_json::from_str::<Value>(&decoded).unwrap_or_default(),
            instructions
        );
    }
}
