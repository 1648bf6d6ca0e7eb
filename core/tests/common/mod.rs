//! Shared by the registration tests and the benchmark: the in-process sandbox tenant as the
//! core's `HttpClient`, a `Timer` whose sleep moves the tenant's clock, and the sign-in.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use registrar_core::auth::{
    AuthorizationCode, AuthorizationResponse, PendingSignIn, ScopeOptions, SignInRandomness,
    SignInRequest, SignedIn, SignedInSummary, flow,
};
use registrar_core::catalog::roles::EXCHANGE_ADMINISTRATOR as EXCHANGE_ADMINISTRATOR_ROLE;
use registrar_core::config::{self, Config};
use registrar_core::graph::{GraphTarget, RetryPolicy};
use registrar_core::http::{HttpClient, HttpRequest, HttpResponse, Timer, Unreachable};
use registrar_core::registration::{
    CertificatePlan, CertificateUpload, Engine, Halt, NewSecret, Outcome, RegistrationRequest,
    RoleToAssign, Stopped, drive,
};
use sandbox_tenant::tenant::faults::FaultPlan;
use sandbox_tenant::tenant::respond::Dropped;
use sandbox_tenant::tenant::{self, ManualClock, Tenant, TenantOptions, seed};
use tower::ServiceExt;

pub const SIGN_IN: &str = "http://login.localhost:8400";
pub const GRAPH: &str = "http://graph.localhost:8400";
pub const APP: &str = "http://app.localhost:8400";
pub const REDIRECT: &str = "http://app.localhost:8400/redirect.html";
pub const DISPLAY_NAME: &str = "Contoso Backup";

/// The sandbox's sign-in and Graph hosts, answering as `fetch` from the app's origin would.
pub struct Sandbox {
    pub tenant: Arc<Tenant>,
    login: Router,
    graph: Router,
    /// The tenant's clock when the test drives time (None: the real clock).
    pub clock: Option<Arc<ManualClock>>,
    /// `METHOD URL` of every request sent to Graph, in order.
    graph_requests: Mutex<Vec<String>>,
}

impl Sandbox {
    /// A tenant with `faults` (the sandbox's fault plan syntax) on a manual clock.
    pub fn new(faults: &str) -> Sandbox {
        let clock = Arc::new(ManualClock::new(
            UNIX_EPOCH + Duration::from_secs(1_795_000_000),
        ));
        Sandbox::build(faults, Some(clock))
    }

    /// A tenant on the machine's clock (the benchmark).
    pub fn real_time(faults: &str) -> Sandbox {
        Sandbox::build(faults, None)
    }

    fn build(faults: &str, clock: Option<Arc<ManualClock>>) -> Sandbox {
        let mut options = TenantOptions {
            faults: FaultPlan::parse(faults).expect("a valid fault plan"),
            ..TenantOptions::default()
        };
        if let Some(clock) = &clock {
            options.clock = clock.clone();
        }
        let tenant = Tenant::new(options);
        Sandbox {
            login: tenant::login_router(tenant.clone()),
            graph: tenant::graph_router(tenant.clone()),
            tenant,
            clock,
            graph_requests: Mutex::new(Vec::new()),
        }
    }

    /// `METHOD URL` (the URL without the Graph host) of every request sent to Graph so far.
    pub fn graph_requests(&self) -> Vec<String> {
        self.graph_requests.lock().expect("not poisoned").clone()
    }

    /// The timer the engine uses: it moves the tenant's manual clock, or really sleeps.
    pub fn timer(&self) -> SandboxTimer {
        SandboxTimer(self.clock.clone())
    }

    async fn call(&self, request: Request<Body>) -> Result<HttpResponse, Unreachable> {
        let login = request.uri().host() == Some("login.localhost");
        let router = if login {
            self.login.clone()
        } else {
            self.graph.clone()
        };
        let response = router
            .oneshot(request)
            .await
            .expect("routers are infallible");
        if response.extensions().get::<Dropped>().is_some() {
            return Err(Unreachable("Failed to fetch (connection closed)".into()));
        }
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .filter_map(|(n, v)| Some((n.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect();
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(String::from);
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|_| Unreachable("Failed to fetch (connection reset)".into()))?
            .to_bytes();
        // The sign-in pages' redirects: the test reads where the window goes.
        let body = match (login, location) {
            (true, Some(location)) => location,
            _ => String::from_utf8_lossy(&bytes).into_owned(),
        };
        let mut answer = HttpResponse::new(status, body);
        for (name, value) in headers {
            answer = answer.with_header(&name, value);
        }
        Ok(answer)
    }

    /// The access token's `Authorization` header of a signed-in admin.
    pub fn target<'a>(&self, authorization: &'a str) -> GraphTarget<'a> {
        GraphTarget {
            base: GRAPH,
            authorization,
        }
    }

    pub fn now_seconds(&self) -> u64 {
        self.tenant
            .now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    }
}

impl HttpClient for Sandbox {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Unreachable> {
        if let Some(path) = request.url.strip_prefix(GRAPH) {
            self.graph_requests
                .lock()
                .expect("not poisoned")
                .push(format!("{} {path}", request.method));
        }
        // A browser's cross-origin fetch always carries Origin; the token endpoint insists on it
        // for SPA redirect URIs.
        let mut builder = Request::builder()
            .method(request.method)
            .uri(&request.url)
            .header(header::ORIGIN, APP);
        for (name, value) in &request.headers {
            builder = builder.header(*name, value);
        }
        let body = request.body.map(Body::from).unwrap_or_else(Body::empty);
        self.call(builder.body(body).expect("a valid request"))
            .await
    }
}

/// Waits by moving the tenant's manual clock (no real waiting), or with tokio on real time.
pub struct SandboxTimer(Option<Arc<ManualClock>>);

impl Timer for SandboxTimer {
    fn now_millis(&self) -> u64 {
        let now = match &self.0 {
            Some(clock) => sandbox_tenant::tenant::Clock::now(clock.as_ref()),
            None => SystemTime::now(),
        };
        now.duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0)
    }

    async fn sleep(&self, millis: u64) {
        match &self.0 {
            Some(clock) => clock.advance(Duration::from_millis(millis)),
            None => tokio::time::sleep(Duration::from_millis(millis)).await,
        }
    }
}

/// The form field the sandbox's sign-in pages carry their context in.
fn page_context(html: &str) -> String {
    let start = html.find("name=\"ctx\" value=\"").expect("a sign-in form") + 18;
    html[start..start + html[start..].find('"').expect("closing quote")].to_owned()
}

async fn post_page(sandbox: &Sandbox, path: &str, form: &[(&str, &str)]) -> HttpResponse {
    let mut body = form_urlencoded::Serializer::new(String::new());
    body.extend_pairs(form);
    let request = Request::post(format!("{SIGN_IN}{path}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.finish()))
        .expect("a valid request");
    sandbox
        .call(request)
        .await
        .expect("the sign-in page answers")
}

/// What a person does in the sign-in window: pick `upn`, accept consent; returns the URL the
/// window is sent back to.
pub async fn sign_in_window(sandbox: &Sandbox, authorize_url: &str, upn: &str) -> String {
    let picker = sandbox
        .call(
            Request::get(authorize_url)
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("the sign-in page answers");
    assert_eq!(picker.status, 200, "{}", picker.body);
    let select = [("ctx", page_context(&picker.body)), ("upn", upn.to_owned())];
    let select: Vec<(&str, &str)> = select.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let answer = post_page(
        sandbox,
        "/organizations/oauth2/v2.0/authorize/select",
        &select,
    )
    .await;
    if answer.status != 200 {
        return answer.body;
    }
    let ctx = page_context(&answer.body);
    let consent = [
        ("ctx", ctx.as_str()),
        ("consent", "accept"),
        ("on_behalf", "1"),
    ];
    post_page(
        sandbox,
        "/organizations/oauth2/v2.0/authorize/consent",
        &consent,
    )
    .await
    .body
}

/// A signed-in admin: the token and who they are.
pub struct Admin {
    pub signed_in: SignedIn,
    pub summary: SignedInSummary,
    pub authorization: String,
}

/// Signs `upn` in through the core's own flow, as the browser does.
pub async fn sign_in(sandbox: &Sandbox, upn: &str) -> Admin {
    sign_in_with(sandbox, upn, ScopeOptions::default()).await
}

/// [`sign_in`] asking for the optional scopes of `scopes`.
pub async fn sign_in_with(sandbox: &Sandbox, upn: &str, scopes: ScopeOptions) -> Admin {
    let signed_in = redeem(sandbox, upn, scopes).await;
    let summary = flow::who_signed_in(
        &signed_in,
        GRAPH,
        "organizations",
        sandbox,
        &sandbox.timer(),
        7,
        &mut |_| {},
    )
    .await
    .expect("who signed in");
    let authorization = signed_in.access_token.authorization_header();
    Admin {
        signed_in,
        summary,
        authorization,
    }
}

/// A sign-in of the onboarding app against the sandbox asking `scopes`, with fixed randomness:
/// two starts make the same state and verifier.
pub fn start_sign_in(scopes: ScopeOptions) -> PendingSignIn {
    let request = SignInRequest {
        sign_in_base: SIGN_IN,
        tenant: "organizations",
        client_id: seed::ONBOARDING_CLIENT_ID,
        redirect_uri: REDIRECT,
        graph_base: GRAPH,
        scopes,
        login_hint: None,
        domain_hint: None,
    };
    let mut bytes = [0u8; 96];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(37).wrapping_add(11);
    }
    PendingSignIn::start(&request, &SignInRandomness::from_bytes(&bytes)).expect("a valid request")
}

/// `upn` signs in through the sandbox's window: the code the app gets back.
pub async fn authorization_code(
    sandbox: &Sandbox,
    upn: &str,
    scopes: ScopeOptions,
) -> AuthorizationCode {
    let pending = start_sign_in(scopes);
    let back = sign_in_window(sandbox, &pending.authorize_url(), upn).await;
    let response = AuthorizationResponse::from_redirect_url(&back).expect("a response");
    pending.accept(response).expect("our state")
}

/// `upn` signs in and the code is redeemed: the tokens.
pub async fn redeem(sandbox: &Sandbox, upn: &str, scopes: ScopeOptions) -> SignedIn {
    let code = authorization_code(sandbox, upn, scopes).await;
    flow::redeem(code, sandbox, sandbox.now_seconds())
        .await
        .expect("tokens")
}

/// A network that never answers.
pub struct Offline;

impl HttpClient for Offline {
    async fn send(&self, _: HttpRequest) -> Result<HttpResponse, Unreachable> {
        Err(Unreachable("Failed to fetch".into()))
    }
}

/// The deployment's configuration with `profile`.
pub fn config(profile: &str) -> Config {
    config::parse(&format!(
        r#"{{ "clientId": "{}", "endpoints": {{ "signIn": "{SIGN_IN}", "graph": "{GRAPH}" }},
             "handoffOrigins": [], "appDisplayName": "{DISPLAY_NAME}",
             "permissionProfile": "{profile}", "secretLifetimeDays": 180 }}"#,
        seed::ONBOARDING_CLIENT_ID
    ))
    .expect("a valid configuration")
}

/// A new engine for `admin` in this deployment; `run` makes the run id.
pub fn engine(config: &Config, admin: &Admin, run: u8) -> Engine {
    let request = RegistrationRequest::new(config, &admin.summary, [run; 8]);
    Engine::new(request, GRAPH, RetryPolicy::default(), u32::from(run) + 1)
}

/// Drives to the plan, confirms (with a certificate made as the browser makes it, when the
/// plan adds one), drives to the end.
pub async fn run(sandbox: &Sandbox, admin: &Admin, engine: &mut Engine) -> Halt {
    let target = sandbox.target(&admin.authorization);
    let timer = sandbox.timer();
    match drive(engine, sandbox, &timer, target, |_| {}).await {
        Halt::AwaitingConfirmation => {}
        other => return other,
    }
    confirm(sandbox, engine);
    drive(engine, sandbox, &timer, target, |_| {}).await
}

/// Confirms the plan as the page does: with a certificate for its dates when it adds one.
pub fn confirm(sandbox: &Sandbox, engine: &mut Engine) {
    let plan = engine.plan().expect("a plan to confirm");
    match plan.certificate.clone() {
        None => engine.confirm(),
        Some(planned) => {
            let upload = make_certificate(&planned, sandbox.now_seconds());
            engine.confirm_with_certificate(upload);
        }
    }
}

/// One RSA-2048 key for every certificate of the tests (made once with `openssl genpkey`:
/// generating one in an unoptimised test takes seconds). WebCrypto's key in the browser.
pub fn test_key() -> &'static rsa::RsaPrivateKey {
    use rsa::pkcs8::DecodePrivateKey;
    static KEY: std::sync::OnceLock<rsa::RsaPrivateKey> = std::sync::OnceLock::new();
    KEY.get_or_init(|| {
        rsa::RsaPrivateKey::from_pkcs8_pem(include_str!("test_key.pem")).expect("the test key")
    })
}

/// RSASSA-PKCS1-v1_5 with SHA-256 by [`test_key`], as WebCrypto's `sign`.
pub fn sign(message: &[u8]) -> Vec<u8> {
    use rsa::signature::{SignatureEncoding, Signer};
    rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(test_key().clone())
        .sign(message)
        .to_vec()
}

/// The certificate the browser makes for `planned` at `now_seconds`: the plan's request, the
/// TBS signed by [`test_key`], the DER joined by the core.
pub fn make_certificate(planned: &CertificatePlan, now_seconds: u64) -> CertificateUpload {
    use rsa::pkcs8::EncodePublicKey;
    use sha2::Digest;
    let spki = test_key()
        .to_public_key()
        .to_public_key_der()
        .expect("SPKI")
        .into_vec();
    let serial =
        sha2::Sha256::digest(format!("{}{now_seconds}", planned.display_name))[..16].to_vec();
    let request = planned.certificate_request(now_seconds, serial, spki);
    let tbs = request.tbs_der().expect("a TBSCertificate");
    let der = registrar_core::credential::certificate_der(&tbs, &sign(&tbs)).expect("DER");
    CertificateUpload {
        der,
        display_name: planned.display_name.clone(),
    }
}

/// A client assertion (RFC 7523) as the backup server signs it with the certificate's key:
/// RS256, `x5t` the certificate's SHA-1, `aud` the token endpoint, `iss` = `sub` = client id.
pub fn client_assertion(sandbox: &Sandbox, client_id: &str, certificate_der: &[u8]) -> String {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let now = sandbox.now_seconds();
    let header = serde_json::json!({
        "alg": "RS256", "typ": "JWT", "x5t": registrar_core::credential::x5t(certificate_der),
    });
    let claims = serde_json::json!({
        "aud": sandbox.tenant.token_endpoint(), "iss": client_id, "sub": client_id,
        "jti": format!("jti-{now}-{}", certificate_der.len()), "nbf": now, "exp": now + 600,
    });
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = URL_SAFE_NO_PAD.encode(sign(input.as_bytes()));
    format!("{input}.{signature}")
}

/// The new secret of an outcome; panics when it has none.
pub fn secret(outcome: &Outcome) -> &NewSecret {
    outcome.secret.as_ref().expect("a client secret")
}

/// Drives `engine` once over `http`, with the sandbox's timer and `admin`'s token.
pub async fn drive_over(
    http: &impl HttpClient,
    sandbox: &Sandbox,
    admin: &Admin,
    engine: &mut Engine,
) -> Halt {
    let target = sandbox.target(&admin.authorization);
    drive(engine, http, &sandbox.timer(), target, |_| {}).await
}

/// The stop a run ended in; panics if it did not stop.
pub fn stopped(halt: Halt) -> Box<Stopped> {
    match halt {
        Halt::Stopped(stopped) => stopped,
        other => panic!("expected a stop, got {other:?}"),
    }
}

/// The registered app holds exactly the secret `outcome` handed out.
pub fn assert_only_secret(
    sandbox: &Sandbox,
    outcome: &registrar_core::registration::Outcome,
    message: &str,
) {
    let app = &sandbox.tenant.apps_by_display_name(DISPLAY_NAME)[0];
    assert_eq!(
        app.secret_key_ids,
        vec![secret(outcome).key_id.clone()],
        "{message}"
    );
}

/// Signs `upn` in and runs the whole registration of `profile`.
pub async fn register(sandbox: &Sandbox, upn: &str, profile: &str, run_id: u8) -> (Engine, Halt) {
    let admin = sign_in(sandbox, upn).await;
    let mut engine = engine(&config(profile), &admin, run_id);
    let halt = run(sandbox, &admin, &mut engine).await;
    (engine, halt)
}

/// What a registration must leave behind: exactly one app with the display name (this
/// product's `uniqueName`), its service principal holding exactly the profile's grants, and a
/// secret the token endpoint accepts with the Graph roles granted.
pub fn assert_registered(
    sandbox: &Sandbox,
    profile: &str,
    halt: &Halt,
) -> Box<registrar_core::registration::Outcome> {
    assert_registered_with(sandbox, profile, halt, true)
}

/// [`assert_registered`]; `keyed`: the app must carry this product's `uniqueName` (an adopted
/// hand-made app may not, where the tenant refuses to give an existing app one).
pub fn assert_registered_with(
    sandbox: &Sandbox,
    profile: &str,
    halt: &Halt,
    keyed: bool,
) -> Box<registrar_core::registration::Outcome> {
    use registrar_core::catalog::{self, PermissionKind, Resource};
    let outcome = match halt {
        Halt::Finished(outcome) => outcome.clone(),
        other => panic!("expected a finished registration, got {other:?}"),
    };
    assert!(
        outcome.verification.is_complete(),
        "verification: {:?}",
        outcome.verification
    );
    let apps = sandbox.tenant.apps_by_display_name(DISPLAY_NAME);
    assert_eq!(apps.len(), 1, "exactly one app: {apps:?}");
    let app = &apps[0];
    assert_eq!(app.app_id, outcome.client_id);
    assert_eq!(app.object_id, outcome.app_object_id);
    if keyed {
        assert_eq!(
            app.unique_name.as_deref(),
            Some(
                registrar_core::registration::unique_name(seed::ONBOARDING_CLIENT_ID, DISPLAY_NAME)
                    .as_str()
            )
        );
    }
    if let Some(secret) = &outcome.secret {
        assert!(
            app.secret_key_ids.contains(&secret.key_id),
            "the new secret is on the app"
        );
    }
    if let Some(certificate) = &outcome.certificate {
        assert!(
            app.certificate_key_ids.contains(&certificate.key_id),
            "the certificate is on the app"
        );
    }
    let profile = catalog::profile(profile).expect("a profile");
    let consent = sandbox
        .tenant
        .consent_of(&outcome.client_id)
        .expect("a service principal");
    assert_eq!(consent.sp_id, outcome.principal_id);
    let mut wanted_roles: Vec<(String, String)> = profile
        .permissions
        .iter()
        .filter(|p| p.kind == PermissionKind::Application)
        .map(|p| (p.resource.app_id().to_owned(), p.value.to_owned()))
        .collect();
    wanted_roles.sort();
    let mut held_roles: Vec<(String, String)> = consent
        .app_roles
        .iter()
        .map(|r| (r.resource_app_id.clone(), r.value.clone()))
        .collect();
    held_roles.sort();
    assert_eq!(
        held_roles, wanted_roles,
        "exactly the planned application grants"
    );
    let mut wanted_delegated: Vec<(String, Vec<String>)> = Vec::new();
    for p in profile
        .permissions
        .iter()
        .filter(|p| p.kind == PermissionKind::Delegated)
    {
        let resource = p.resource.app_id().to_owned();
        match wanted_delegated.iter_mut().find(|(r, _)| *r == resource) {
            Some((_, scopes)) => scopes.push(p.value.to_owned()),
            None => wanted_delegated.push((resource, vec![p.value.to_owned()])),
        }
    }
    for (_, scopes) in &mut wanted_delegated {
        scopes.sort();
    }
    wanted_delegated.sort();
    let mut held_delegated: Vec<(String, Vec<String>)> = consent
        .delegated
        .iter()
        .map(|g| {
            assert_eq!(g.consent_type, "AllPrincipals");
            (g.resource_app_id.clone(), g.scopes.clone())
        })
        .collect();
    held_delegated.sort();
    assert_eq!(
        held_delegated, wanted_delegated,
        "one delegated grant per resource"
    );

    // The backup server's first token: wait out replication and secret propagation as it would.
    if let Some(clock) = &sandbox.clock {
        clock.advance(Duration::from_secs(60));
    }
    let mut graph_roles: Vec<String> = profile
        .permissions
        .iter()
        .filter(|p| p.kind == PermissionKind::Application && p.resource == Resource::MicrosoftGraph)
        .map(|p| p.value.to_owned())
        .collect();
    graph_roles.sort();
    if let Some(secret) = &outcome.secret {
        let token = sandbox.tenant.client_secret_token(
            &outcome.client_id,
            secret.value.expose(),
            "https://graph.microsoft.com/.default",
        );
        assert_eq!(
            token,
            Ok(graph_roles.clone()),
            "the secret works and carries the granted roles"
        );
    }
    // A certificate this run added: the backup server signs in with its key.
    if let Some(certificate) = outcome.certificate.as_ref().filter(|c| c.added) {
        let der = sandbox
            .tenant
            .certificates_of(&outcome.client_id)
            .into_iter()
            .find(|c| c.key_id == certificate.key_id)
            .expect("the certificate is on the app")
            .der;
        assert_eq!(
            registrar_core::credential::thumbprint_sha1(&der),
            certificate.thumbprint_sha1
        );
        let token = sandbox.tenant.client_assertion_token(
            &outcome.client_id,
            &client_assertion(sandbox, &outcome.client_id, &der),
            "https://graph.microsoft.com/.default",
        );
        assert_eq!(
            token,
            Ok(graph_roles),
            "the certificate works and carries the granted roles"
        );
    }
    outcome
}

/// Moves the tenant's manual clock `seconds` on (an admin who comes back later).
pub fn later(sandbox: &Sandbox, seconds: u64) {
    sandbox
        .clock
        .as_ref()
        .expect("a manual clock")
        .advance(Duration::from_secs(seconds));
}

/// The `tags` of the app with [`DISPLAY_NAME`], as the tenant holds them (replicated or not).
pub fn app_tags(sandbox: &Sandbox) -> Vec<String> {
    let state = sandbox.tenant.lock();
    state
        .applications
        .iter()
        .find(|a| a.get("displayName").and_then(serde_json::Value::as_str) == Some(DISPLAY_NAME))
        .and_then(|a| a.get("tags"))
        .and_then(serde_json::Value::as_array)
        .map(|tags| {
            tags.iter()
                .filter_map(serde_json::Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// `METHOD path` of each call in an HTTP request: the parts of a `$batch`, or the one call.
pub fn calls_in(request: &HttpRequest) -> Vec<String> {
    if request.url.ends_with("/$batch") {
        let body: serde_json::Value =
            serde_json::from_str(request.body.as_deref().unwrap_or("{}")).expect("JSON");
        return body["requests"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                format!(
                    "{} {}",
                    r["method"].as_str().unwrap_or_default(),
                    r["url"].as_str().unwrap_or_default()
                )
            })
            .collect();
    }
    let path = request
        .url
        .split_once("/v1.0")
        .map_or(request.url.as_str(), |(_, path)| path);
    vec![format!("{} {path}", request.method)]
}

/// Forwards to the sandbox and notes the calls of every request. With `lose`, the answer of
/// the first request holding a call `lose` matches is lost: the write happened, the answer
/// never came.
pub struct Recording<'a> {
    pub sandbox: &'a Sandbox,
    lose: Option<fn(&str) -> bool>,
    pub lost: std::cell::Cell<bool>,
    requests: Mutex<Vec<Vec<String>>>,
}

impl<'a> Recording<'a> {
    pub fn new(sandbox: &'a Sandbox) -> Self {
        Recording {
            sandbox,
            lose: None,
            lost: std::cell::Cell::new(false),
            requests: Mutex::new(Vec::new()),
        }
    }

    /// Also loses the first answer to a request holding a call (`METHOD path`) `lose` matches.
    pub fn losing(sandbox: &'a Sandbox, lose: fn(&str) -> bool) -> Self {
        Recording {
            lose: Some(lose),
            ..Recording::new(sandbox)
        }
    }

    /// The calls of every request sent so far.
    pub fn requests(&self) -> Vec<Vec<String>> {
        self.requests.lock().expect("not poisoned").clone()
    }

    /// Panics if a request held a call matching `a` together with one matching `b`.
    pub fn assert_never_together(&self, a: &str, b: &str) {
        for calls in self.requests() {
            let has = |what: &str| calls.iter().any(|c| c.contains(what));
            assert!(
                !(has(a) && has(b)),
                "{a} and {b} in one round trip: {calls:?}"
            );
        }
    }
}

impl HttpClient for Recording<'_> {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Unreachable> {
        let calls = calls_in(&request);
        let lose = self
            .lose
            .is_some_and(|lose| calls.iter().any(|c| lose(c)) && !self.lost.get());
        self.requests.lock().expect("not poisoned").push(calls);
        let answer = self.sandbox.send(request).await;
        if lose {
            self.lost.set(true);
            return Err(Unreachable("Failed to fetch (answer lost)".into()));
        }
        answer
    }
}

/// The Exchange Administrator role's template id.
pub const EXCHANGE_ADMINISTRATOR: &str = EXCHANGE_ADMINISTRATOR_ROLE.template_id;

/// The Global Administrator, signed in with the scope that assigns directory roles.
pub async fn sign_in_to_assign_roles(sandbox: &Sandbox) -> Admin {
    let scopes = ScopeOptions {
        read_app_management_policy: true,
        assign_directory_roles: true,
        read_tenant: false,
    };
    sign_in_with(sandbox, seed::GLOBAL_ADMIN, scopes).await
}

/// A run for `profile` that also assigns the Exchange Administrator role (the role part of
/// `exchangeManagement`, without its permission and certificate).
pub fn request_with_exchange_role(profile: &str, admin: &Admin, run: u8) -> RegistrationRequest {
    let role = RoleToAssign {
        template_id: EXCHANGE_ADMINISTRATOR.into(),
        display_name: EXCHANGE_ADMINISTRATOR_ROLE.display_name.into(),
        reason: registrar_core::wizard::words::EN_REASONS
            .role_exchange_administrator
            .into(),
    };
    RegistrationRequest::new(&config(profile), &admin.summary, [run; 8]).with_roles(vec![role])
}

/// `upn` signs in with the registrar's default scopes and `extra` Microsoft Graph delegated
/// permissions besides (as a host whose registration lists more, consented by an admin, would
/// get): the `Authorization` header of the token.
pub async fn authorization_with_extra_scopes(
    sandbox: &Sandbox,
    upn: &str,
    extra: &[&str],
) -> String {
    let pending = start_sign_in(ScopeOptions::default());
    let added: String = extra
        .iter()
        .map(|scope| {
            let value = format!("{GRAPH}/{scope}");
            format!(
                "+{}",
                form_urlencoded::byte_serialize(value.as_bytes()).collect::<String>()
            )
        })
        .collect();
    // The scope parameter comes right before the state in the authorize URL.
    let url = pending
        .authorize_url()
        .replacen("&state=", &format!("{added}&state="), 1);
    let back = sign_in_window(sandbox, &url, upn).await;
    let response = AuthorizationResponse::from_redirect_url(&back).expect("a response");
    let code = pending.accept(response).expect("our state");
    flow::redeem(code, sandbox, sandbox.now_seconds())
        .await
        .expect("tokens")
        .access_token
        .authorization_header()
}

// ---- Maintenance (check, repair, rotate, disconnect) ----

/// Microsoft Graph's appId (the same in every tenant).
pub const GRAPH_RESOURCE_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

/// Sends one call as `admin`; panics unless Graph accepts it.
pub async fn graph_ok(
    sandbox: &Sandbox,
    admin: &Admin,
    call: registrar_core::graph::GraphCall,
) -> registrar_core::graph::GraphReply {
    let what = format!("{call:?}");
    let reply =
        registrar_core::graph::send_calls(sandbox, sandbox.target(&admin.authorization), &[call])
            .await
            .pop()
            .expect("one reply")
            .expect("an answer");
    assert!(reply.is_success(), "{what}: {reply:?}: {}", reply.body);
    reply
}

/// The request for `profile` in `admin`'s tenant (run id from `run`).
pub fn request(profile: &str, admin: &Admin, run: u8) -> RegistrationRequest {
    RegistrationRequest::new(&config(profile), &admin.summary, [run; 8])
}

/// Checks the app with application id `app_id` against `profile`, as `admin`.
pub async fn check_app(
    sandbox: &Sandbox,
    admin: &Admin,
    profile: &str,
    app_id: &str,
) -> Result<registrar_core::maintenance::AppCheck, registrar_core::maintenance::MaintenanceError> {
    use registrar_core::maintenance::{CheckApp, run};
    let mut check = CheckApp::new(
        request(profile, admin, 90),
        app_id,
        GRAPH,
        RetryPolicy::default(),
        5,
    );
    run(
        &mut check,
        sandbox,
        &sandbox.timer(),
        sandbox.target(&admin.authorization),
    )
    .await
}

/// Registers `profile` as the Global Administrator, signs in again (as the page does before
/// looking after an app) and checks the app it made: the outcome, the admin and the check.
pub async fn registered_and_checked(
    sandbox: &Sandbox,
    profile: &str,
) -> (
    Box<registrar_core::registration::Outcome>,
    Admin,
    registrar_core::maintenance::AppCheck,
) {
    let (_, halt) = register(sandbox, seed::GLOBAL_ADMIN, profile, 1).await;
    let outcome = assert_registered(sandbox, profile, &halt);
    let admin = sign_in(sandbox, seed::GLOBAL_ADMIN).await;
    let check = check_app(sandbox, &admin, profile, &outcome.client_id)
        .await
        .expect("a check");
    (outcome, admin, check)
}

/// Microsoft Graph's service principal in the tenant, read as `admin`: what an app is granted
/// Graph's application permissions on.
pub struct GraphRoles {
    pub id: String,
    body: serde_json::Value,
}

impl GraphRoles {
    pub async fn read(sandbox: &Sandbox, admin: &Admin) -> Self {
        let reply = graph_ok(
            sandbox,
            admin,
            registrar_core::graph::GraphCall::get(format!(
                "/servicePrincipals(appId='{GRAPH_RESOURCE_APP_ID}')?$select=id,appRoles"
            )),
        )
        .await;
        GraphRoles {
            id: reply.body["id"].as_str().expect("id").to_owned(),
            body: reply.body,
        }
    }

    /// The id of the app role (application permission) named `value`.
    pub fn role(&self, value: &str) -> String {
        self.body["appRoles"]
            .as_array()
            .and_then(|roles| roles.iter().find(|r| r["value"] == value))
            .and_then(|r| r["id"].as_str())
            .expect("a Graph app role")
            .to_owned()
    }
}

/// An app registered by hand (not by this product), named `name`: `requested` Microsoft Graph
/// application permissions in its `requiredResourceAccess`, `granted` ones given admin consent
/// (app role assignments), and one client secret valid 180 days (`Hand-made`). Returns its
/// object id and application id.
pub async fn hand_made_app(
    sandbox: &Sandbox,
    admin: &Admin,
    name: &str,
    requested: &[&str],
    granted: &[&str],
) -> (String, String) {
    use registrar_core::graph::GraphCall;
    let graph = GraphRoles::read(sandbox, admin).await;
    let role = |value: &str| graph.role(value);
    let access: Vec<serde_json::Value> = requested
        .iter()
        .map(|v| serde_json::json!({ "id": role(v), "type": "Role" }))
        .collect();
    let app = graph_ok(
        sandbox,
        admin,
        GraphCall::post(
            "/applications",
            serde_json::json!({ "displayName": name, "requiredResourceAccess": [{
                "resourceAppId": GRAPH_RESOURCE_APP_ID, "resourceAccess": access }] }),
        ),
    )
    .await;
    let object_id = app.body["id"].as_str().expect("id").to_owned();
    let app_id = app.body["appId"].as_str().expect("appId").to_owned();
    let now = sandbox.now_seconds();
    let iso = iso_seconds;
    graph_ok(
        sandbox,
        admin,
        GraphCall::post(
            format!("/applications/{object_id}/addPassword"),
            serde_json::json!({ "passwordCredential": { "displayName": "Hand-made",
                "startDateTime": iso(now), "endDateTime": iso(now + 180 * 86_400) } }),
        ),
    )
    .await;
    let sp = graph_ok(
        sandbox,
        admin,
        GraphCall::post("/servicePrincipals", serde_json::json!({ "appId": app_id })),
    )
    .await;
    let sp_id = sp.body["id"].as_str().expect("id").to_owned();
    let graph_id = &graph.id;
    for value in granted {
        graph_ok(
            sandbox,
            admin,
            GraphCall::post(
                format!("/servicePrincipals/{sp_id}/appRoleAssignments"),
                serde_json::json!({ "principalId": sp_id, "resourceId": graph_id, "appRoleId": role(value) }),
            ),
        )
        .await;
    }
    (object_id, app_id)
}

/// Unix seconds as Graph writes a date (`2026-11-18T10:13:20Z`).
pub fn iso_seconds(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rem = seconds % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}
