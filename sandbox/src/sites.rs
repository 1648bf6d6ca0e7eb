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
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tower::ServiceExt;
use tower_http::services::ServeDir;

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
        }
    }
}

/// The running sites. Dropping this does not stop them; call [`Sites::stop`].
pub struct Sites {
    pub port: u16,
    pub tenant: Arc<Tenant>,
    server: JoinHandle<()>,
}

impl Sites {
    pub fn origin(&self, site: Site) -> String {
        site.origin(self.port)
    }

    pub fn stop(self) {
        self.server.abort();
    }

    /// Stops serving without consuming `self` (for owners that hold the sites in a struct).
    pub fn abort(&self) {
        self.server.abort();
    }
}

/// Binds the port, seeds the tenant and starts serving every site.
pub async fn serve(options: SitesOptions) -> std::io::Result<Sites> {
    let listener = TcpListener::bind(SocketAddr::new(options.bind, options.port)).await?;
    let port = listener.local_addr()?.port();
    let tenant = Tenant::new(TenantOptions {
        sign_in_base: Site::Login.origin(port),
        graph_base: Site::Graph.origin(port),
        spa_redirect_uris: vec![format!("{}/redirect.html", Site::App.origin(port))],
        faults: options.faults.clone(),
        code_lifetime: options.code_lifetime,
        ..Default::default()
    });
    let routers = Arc::new(Routers {
        app: app_site(&options, port),
        dashboard: Router::new().fallback_service(ServeDir::new(&options.dashboard_dir)),
        login: tenant::login_router(tenant.clone()),
        graph: tenant::graph_router(tenant.clone()),
        sandbox: tenant::inspection_router(tenant.clone()),
    });
    let app = Router::new().fallback(dispatch).with_state(routers);
    let server = tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            eprintln!("sandbox-tenant: the server stopped: {error}");
        }
    });
    Ok(Sites {
        port,
        tenant,
        server,
    })
}

struct Routers {
    app: Router,
    dashboard: Router,
    login: Router,
    graph: Router,
    sandbox: Router,
}

async fn dispatch(State(routers): State<Arc<Routers>>, request: Request) -> Response {
    let site = host_of(&request).and_then(|host| Site::ALL.into_iter().find(|s| s.host() == host));
    let router = match site {
        Some(Site::App) => routers.app.clone(),
        Some(Site::Dashboard) => routers.dashboard.clone(),
        Some(Site::Login) => routers.login.clone(),
        Some(Site::Graph) => routers.graph.clone(),
        Some(Site::Sandbox) => routers.sandbox.clone(),
        None => return unknown_site(&request),
    };
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
    let sites: Vec<&str> = Site::ALL.iter().map(|s| s.host()).collect();
    let body = format!(
        "No site here for host {:?}. This server answers for: {}.\n",
        host_of(request).unwrap_or_default(),
        sites.join(", ")
    );
    (StatusCode::MISDIRECTED_REQUEST, body).into_response()
}

/// The app's site, with the headers a production host should send (README, "Hosting").
fn app_site(options: &SitesOptions, port: u16) -> Router {
    let files = Router::new().fallback_service(ServeDir::new(&options.app_dir));
    let router = match &options.app_config {
        AppConfig::FromAppDir => files,
        AppConfig::Sandbox => {
            let text = sandbox_app_config(port);
            files.route("/config.json", get(move || config_response(text.clone())))
        }
        AppConfig::Literal(text) => {
            let text = text.clone();
            files.route("/config.json", get(move || config_response(text.clone())))
        }
    };
    let frame_ancestors = format!("frame-ancestors 'self' {}", Site::Dashboard.origin(port));
    router.layer(middleware::from_fn(move |request: Request, next: Next| {
        let frame_ancestors = frame_ancestors.clone();
        async move { with_app_headers(request, next, &frame_ancestors).await }
    }))
}

async fn config_response(text: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
}

async fn with_app_headers(request: Request, next: Next, frame_ancestors: &str) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut set = |name: HeaderName, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, "no-referrer");
    set(header::CONTENT_SECURITY_POLICY, frame_ancestors);
    // The redirect page and the configuration must never come from a cache; the redirect page
    // sends no Cross-Origin-Opener-Policy (none is set anywhere on this site).
    if path == "/redirect.html" || path == "/config.json" {
        set(header::CACHE_CONTROL, "no-store");
    }
    // The worker's files have no hash in their names (Trunk names a worker after its binary):
    // revalidated on every load, so a page never runs with a worker of another build.
    if path.starts_with("/registration-worker") {
        set(header::CACHE_CONTROL, "no-cache");
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
}
