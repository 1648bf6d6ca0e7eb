//! The core's sign-in, end to end against the sandbox tenant, in-process: the same
//! `PendingSignIn` → redirect response → `flow::redeem` → `flow::who_signed_in` path the browser
//! runs, with the sandbox's routers standing in for `fetch`.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use registrar_core::auth::{
    AuthorizationResponse, ConsentAbility, EntraProblem, PendingSignIn, ScopeOptions, SignInError,
    SignInRandomness, SignInRequest, SignedInSummary, flow,
};
use registrar_core::graph::{Wait, WaitReason};
use registrar_core::http::{HttpClient, HttpRequest, HttpResponse, Timer, Unreachable};
use sandbox_tenant::tenant::faults::FaultPlan;
use sandbox_tenant::tenant::{self, Tenant, TenantOptions, seed};
use std::cell::{Cell, RefCell};
use tower::ServiceExt;

const SIGN_IN: &str = "http://login.localhost:8400";
const GRAPH: &str = "http://graph.localhost:8400";
const APP: &str = "http://app.localhost:8400";
const REDIRECT: &str = "http://app.localhost:8400/redirect.html";

/// The sandbox's sign-in and Graph hosts, answering as `fetch` from the app's origin would see.
struct Sandbox {
    login: Router,
    graph: Router,
    /// `METHOD URL` of every request sent to Graph, in order.
    graph_requests: RefCell<Vec<String>>,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox::with_faults("")
    }

    /// A tenant with a fault plan (the syntax of `scripts/start --faults`).
    fn with_faults(spec: &str) -> Sandbox {
        let tenant = Tenant::new(TenantOptions {
            faults: FaultPlan::parse(spec).expect("a valid fault plan"),
            ..TenantOptions::default()
        });
        Sandbox {
            login: tenant::login_router(tenant.clone()),
            graph: tenant::graph_router(tenant),
            graph_requests: RefCell::new(Vec::new()),
        }
    }

    async fn call(&self, request: Request<Body>) -> HttpResponse {
        let router = match request.uri().host() {
            Some("login.localhost") => self.login.clone(),
            _ => self.graph.clone(),
        };
        let response = router
            .oneshot(request)
            .await
            .expect("routers are infallible");
        let status = response.status().as_u16();
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(String::from)
        };
        let retry_after = header(header::RETRY_AFTER);
        let location = header(header::LOCATION);
        let bytes = response
            .into_body()
            .collect()
            .await
            .map(|b| b.to_bytes())
            .unwrap_or_default();
        let body = location.unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned());
        let mut answer = HttpResponse::new(status, body);
        if let Some(value) = retry_after {
            answer = answer.with_header("retry-after", value);
        }
        answer
    }
}

impl HttpClient for Sandbox {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Unreachable> {
        if request.url.starts_with(GRAPH) {
            self.graph_requests.borrow_mut().push(format!(
                "{} {}",
                request.method,
                &request.url[GRAPH.len()..]
            ));
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
        Ok(self
            .call(builder.body(body).expect("a valid request"))
            .await)
    }
}

/// A clock that moves only by the waits asked of it: retries cost no real time here.
#[derive(Default)]
struct Counting(Cell<u64>);

impl Timer for Counting {
    fn now_millis(&self) -> u64 {
        self.0.get()
    }
    async fn sleep(&self, millis: u64) {
        self.0.set(self.0.get() + millis);
    }
}

/// A host that never answers.
struct Offline;

impl HttpClient for Offline {
    async fn send(&self, _: HttpRequest) -> Result<HttpResponse, Unreachable> {
        Err(Unreachable("Failed to fetch".into()))
    }
}

fn start() -> PendingSignIn {
    let request = SignInRequest {
        sign_in_base: SIGN_IN,
        tenant: "organizations",
        client_id: seed::ONBOARDING_CLIENT_ID,
        redirect_uri: REDIRECT,
        graph_base: GRAPH,
        scopes: ScopeOptions::default(),
        login_hint: None,
        domain_hint: None,
    };
    let mut bytes = [0u8; 96];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(37).wrapping_add(11);
    }
    PendingSignIn::start(&request, &SignInRandomness::from_bytes(&bytes)).expect("a valid request")
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
    sandbox.call(request).await
}

/// What a person does in the sign-in window: pick `upn`, accept consent; returns the URL the
/// window is sent back to.
async fn sign_in_window(sandbox: &Sandbox, authorize_url: &str, upn: &str) -> String {
    let picker = sandbox
        .call(
            Request::get(authorize_url)
                .body(Body::empty())
                .expect("request"),
        )
        .await;
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

#[tokio::test]
async fn a_global_admin_signs_in_and_may_complete_the_registration() {
    let sandbox = Sandbox::new();
    let pending = start();
    let back = sign_in_window(&sandbox, &pending.authorize_url(), seed::GLOBAL_ADMIN).await;
    assert!(
        back.starts_with(&format!("{REDIRECT}#")),
        "the code comes back in the fragment: {back}"
    );

    let code = pending
        .accept(AuthorizationResponse::from_redirect_url(&back).expect("a response"))
        .expect("our state");
    let signed_in = flow::redeem(code, &sandbox, now()).await.expect("tokens");
    assert!(
        signed_in.missing_scopes.is_empty(),
        "every scope granted: {:?}",
        signed_in.missing_scopes
    );
    assert_eq!(signed_in.identity.tenant_id, seed::TENANT_ID);

    let summary = flow::who_signed_in(
        &signed_in,
        GRAPH,
        "organizations",
        &sandbox,
        &Counting::default(),
        1,
        &mut |_| {},
    )
    .await
    .expect("who");
    assert_eq!(summary.tenant_id, seed::TENANT_ID);
    assert_eq!(summary.tenant_name, seed::TENANT_DISPLAY_NAME);
    assert_eq!(
        summary.user_principal_name.as_deref(),
        Some(seed::GLOBAL_ADMIN)
    );
    assert_eq!(summary.ability, ConsentAbility::CanGrantAll);
    assert_eq!(
        sandbox.graph_requests.borrow().as_slice(),
        ["POST /v1.0/$batch"],
        "who signed in is one round trip"
    );
}

/// Signs `upn` in through the sandbox and asks who signed in, hearing every retry's wait.
async fn who(sandbox: &Sandbox, upn: &str) -> (Result<SignedInSummary, SignInError>, Vec<Wait>) {
    let pending = start();
    let back = sign_in_window(sandbox, &pending.authorize_url(), upn).await;
    let code = pending
        .accept(AuthorizationResponse::from_redirect_url(&back).expect("a response"))
        .expect("our state");
    let signed_in = flow::redeem(code, sandbox, now()).await.expect("tokens");
    let mut waits = Vec::new();
    let timer = Counting::default();
    let result = flow::who_signed_in(
        &signed_in,
        GRAPH,
        "organizations",
        sandbox,
        &timer,
        7,
        &mut |wait| waits.push(wait),
    )
    .await;
    assert_eq!(
        timer.0.get(),
        waits.iter().map(|w| w.millis).sum::<u64>(),
        "every wait is reported"
    );
    (result, waits)
}

#[tokio::test]
async fn the_sign_in_survives_graph_throttling_who_signed_in() {
    let sandbox = Sandbox::with_faults("429(retry-after=2)@GET /me#1");
    let (result, waits) = who(&sandbox, seed::GLOBAL_ADMIN).await;
    let summary = result.expect("the throttled read is retried, not a failed sign-in");
    assert_eq!(summary.ability, ConsentAbility::CanGrantAll);
    assert_eq!(
        waits,
        [Wait {
            millis: 2_000,
            reason: WaitReason::Throttled,
            calls: 1
        }],
        "Retry-After honoured"
    );
    // Only the refused call is sent again, alone.
    let requests = sandbox.graph_requests.borrow();
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert!(requests[1].starts_with("GET /v1.0/me?"), "{requests:?}");
}

#[tokio::test]
async fn the_sign_in_survives_a_refused_batch() {
    let sandbox = Sandbox::with_faults("503@POST /$batch#1");
    let (result, waits) = who(&sandbox, seed::APPLICATION_ADMIN).await;
    let summary = result.expect("the whole batch is sent again");
    assert_eq!(summary.ability, ConsentAbility::CanCreateButNotGrant);
    assert_eq!(waits.len(), 1);
    assert_eq!(waits[0].calls, 3);
    assert_eq!(
        sandbox.graph_requests.borrow().as_slice(),
        ["POST /v1.0/$batch", "POST /v1.0/$batch"]
    );
}

#[tokio::test]
async fn graph_busy_beyond_the_retries_says_what_to_do() {
    let sandbox = Sandbox::with_faults("503@GET /organization#*");
    let (result, waits) = who(&sandbox, seed::GLOBAL_ADMIN).await;
    match result {
        Err(error @ SignInError::Graph(_)) => {
            let text = error.to_string();
            assert!(text.contains("Try again in a minute"), "{text}");
            assert!(error.retry_may_help());
        }
        other => panic!("expected a Graph error, got {other:?}"),
    }
    assert_eq!(waits.len(), 3, "four tries in all: {waits:?}");
}

#[tokio::test]
async fn memberships_are_read_page_after_page() {
    // One membership per page: the roles come from the batch's first page and the next links.
    let sandbox = Sandbox::with_faults("page-size=1");
    let (result, _) = who(&sandbox, seed::GLOBAL_ADMIN).await;
    let summary = result.expect("who");
    assert_eq!(summary.ability, ConsentAbility::CanGrantAll);
    let requests = sandbox.graph_requests.borrow();
    assert!(requests.len() > 1, "{requests:?}");
    assert!(
        requests[1..]
            .iter()
            .all(|r| r.starts_with("GET /v1.0/me/transitiveMemberOf?")),
        "{requests:?}"
    );
}

#[tokio::test]
async fn an_application_administrator_may_create_but_not_grant() {
    let sandbox = Sandbox::new();
    let pending = start();
    let back = sign_in_window(&sandbox, &pending.authorize_url(), seed::APPLICATION_ADMIN).await;
    let code = pending
        .accept(AuthorizationResponse::from_redirect_url(&back).expect("a response"))
        .expect("our state");
    let signed_in = flow::redeem(code, &sandbox, now()).await.expect("tokens");
    let summary = flow::who_signed_in(
        &signed_in,
        GRAPH,
        "organizations",
        &sandbox,
        &Counting::default(),
        1,
        &mut |_| {},
    )
    .await
    .expect("who");
    assert_eq!(summary.ability, ConsentAbility::CanCreateButNotGrant);
}

#[tokio::test]
async fn a_replayed_response_is_refused_with_words_for_the_admin() {
    let sandbox = Sandbox::new();
    let pending = start();
    let back = sign_in_window(&sandbox, &pending.authorize_url(), seed::GLOBAL_ADMIN).await;
    let response = || AuthorizationResponse::from_redirect_url(&back).expect("a response");
    let code = pending.accept(response()).expect("our state");
    flow::redeem(code, &sandbox, now())
        .await
        .expect("the first redemption works");

    // The same response replayed into a sign-in with the same secrets (as a stolen verifier
    // would allow): Entra refuses the used code, and the admin is told so.
    let replayed = start().accept(response()).expect("same state");
    match flow::redeem(replayed, &sandbox, now()).await {
        Err(
            error @ SignInError::Entra {
                problem: EntraProblem::CodeAlreadyRedeemed,
                ..
            },
        ) => {
            assert!(error.to_string().contains("already used once"), "{error}");
        }
        Err(other) => panic!("expected CodeAlreadyRedeemed, got {other}"),
        Ok(_) => panic!("a code works only once"),
    }
}

#[tokio::test]
async fn a_personal_account_is_refused_before_any_token() {
    let sandbox = Sandbox::new();
    let pending = start();
    let back = sign_in_window(&sandbox, &pending.authorize_url(), seed::PERSONAL_ACCOUNT).await;
    let response = AuthorizationResponse::from_redirect_url(&back).expect("a response");
    match pending.accept(response) {
        Err(SignInError::Entra { problem, .. }) => {
            assert_eq!(problem, EntraProblem::AccountNotInTenant)
        }
        Err(other) => panic!("expected AccountNotInTenant, got {other}"),
        Ok(_) => panic!("a personal account must not get a code accepted"),
    }
}

#[tokio::test]
async fn an_unreachable_sign_in_host_is_named_in_the_error() {
    let sandbox = Sandbox::new();
    let pending = start();
    let back = sign_in_window(&sandbox, &pending.authorize_url(), seed::GLOBAL_ADMIN).await;
    let code = pending
        .accept(AuthorizationResponse::from_redirect_url(&back).expect("a response"))
        .expect("our state");
    match flow::redeem(code, &Offline, now()).await {
        Err(error @ SignInError::Unreachable { .. }) => {
            assert!(
                error.to_string().contains("login.localhost:8400"),
                "{error}"
            );
            assert!(error.retry_may_help());
        }
        Err(other) => panic!("expected Unreachable, got {other}"),
        Ok(_) => panic!("no tokens without an answer"),
    }
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}
