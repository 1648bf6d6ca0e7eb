//! The sign-in pages (account picker, consent, need admin approval, error), with the headers
//! Entra sends: no framing, Cross-Origin-Opener-Policy, no CORS, no caching.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::super::html::{esc, page};
use super::super::permissions::Permission;
use super::super::store::{Account, User};
use super::errors::EntraError;

/// What every sign-in response carries, pages and redirects alike: no framing, no opener,
/// no caching.
pub fn sign_in_headers(h: &mut HeaderMap) {
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store, no-cache"),
    );
}

pub fn html_response(status: StatusCode, html: String) -> Response {
    let mut r = (status, html).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    sign_in_headers(h);
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    r
}

pub fn error_page(e: &EntraError, trace: &str, corr: &str, ts: &str) -> Response {
    let body = format!(
        "<h1>Sign in</h1><p id=\"error-title\">Sorry, but we're having trouble signing you in.</p>\
<p id=\"error-code\" data-code=\"AADSTS{code}\">AADSTS{code}: {msg}</p>\
<h2>Troubleshooting details</h2><p>Request Id: {trace}<br>Correlation Id: {corr}<br>Timestamp: {ts}</p>",
        code = e.code,
        msg = esc(&e.message),
        trace = esc(trace),
        corr = esc(corr),
        ts = esc(ts),
    );
    html_response(e.status, page("Sign in to your account", &body))
}

/// Opens the form a sign-in page posts back with: `ctx` names the pending authorize request.
fn ctx_form(action: &str, ctx: &str) -> String {
    format!(
        "<form method=\"post\" action=\"{}\"><input type=\"hidden\" name=\"ctx\" value=\"{}\">",
        esc(action),
        esc(ctx)
    )
}

/// "Signed in as" with the user's name and UPN, on the consent pages.
fn signed_in_as(user: &User) -> String {
    format!(
        "<p>Signed in as <bdi>{}</bdi> ({})</p>",
        esc(&user.display_name),
        esc(&user.upn)
    )
}

fn role_label(u: &User) -> String {
    let mut parts: Vec<&str> = u
        .roles
        .iter()
        .filter_map(|r| super::super::permissions::roles::name(r))
        .collect();
    match u.account {
        Account::Guest { .. } => parts.push("Guest"),
        Account::Personal => parts.push("Personal Microsoft account"),
        Account::Member if parts.is_empty() => parts.push("User"),
        Account::Member => {}
    }
    parts.join(", ")
}

/// The account picker: one `<button data-upn="UPN">` per seeded user.
pub fn sign_in_page(action: &str, ctx: &str, app_name: &str, users: &[User]) -> Response {
    let mut list = String::new();
    for u in users {
        list.push_str(&format!(
            "<li><button type=\"submit\" name=\"upn\" value=\"{upn}\" data-upn=\"{upn}\"><bdi class=\"name\">{name}</bdi><br><small>{upn} · {roles}</small></button></li>",
            upn = esc(&u.upn),
            name = esc(&u.display_name),
            roles = esc(&role_label(u)),
        ));
    }
    let body = format!(
        "<h1>Pick an account</h1><p>to continue to <bdi>{app}</bdi></p>\
{form}<ul id=\"accounts\">{list}</ul></form>\
<p><small>Sandbox tenant: no passwords. Choose who signs in.</small></p>",
        app = esc(app_name),
        form = ctx_form(action, ctx),
    );
    html_response(StatusCode::OK, page("Sign in to your account", &body))
}

fn perm_list(perms: &[&Permission]) -> String {
    let mut s = String::from("<ul id=\"permissions\">");
    for p in perms {
        s.push_str(&format!(
            "<li data-scope=\"{v}\" data-admin-only=\"{a}\">{d} <small>({v}{admin})</small></li>",
            v = esc(p.value),
            a = p.admin_only,
            d = esc(p.description),
            admin = if p.admin_only {
                ", admin consent required"
            } else {
                ""
            },
        ));
    }
    s.push_str("</ul>");
    s
}

/// The consent page: `<button id="accept">` and `<button id="decline">`.
pub fn consent_page(
    action: &str,
    ctx: &str,
    app_name: &str,
    user: &User,
    perms: &[&Permission],
    admin: bool,
) -> Response {
    let org = if admin {
        "<p><label><input type=\"checkbox\" id=\"on-behalf\" name=\"on_behalf\" value=\"1\"> Consent on behalf of your organization</label></p>"
    } else {
        ""
    };
    let body = format!(
        "<h1>Permissions requested</h1><p><bdi>{app}</bdi><br><small>unverified</small></p>\
{signed_in}<p>This app would like to:</p>{list}\
<p>Accepting these permissions means that you allow this app to use your data as specified in their terms of service and privacy statement.</p>\
{form}{org}\
<button type=\"submit\" id=\"decline\" name=\"consent\" value=\"decline\">Cancel</button>\
<button type=\"submit\" id=\"accept\" name=\"consent\" value=\"accept\">Accept</button></form>",
        app = esc(app_name),
        signed_in = signed_in_as(user),
        list = perm_list(perms),
        form = ctx_form(action, ctx),
    );
    html_response(StatusCode::OK, page("Permissions requested", &body))
}

/// "Need admin approval": a user who cannot consent to admin-only scopes gets no Accept button,
/// only `<button id="decline">` "Return to the application without granting consent" (what it
/// sends back: `authorize::returned_without_admin_approval`).
pub fn admin_approval_page(
    action: &str,
    ctx: &str,
    app_name: &str,
    user: &User,
    perms: &[&Permission],
) -> Response {
    let body = format!(
        "<h1 id=\"need-admin-approval\">Need admin approval</h1><p><bdi>{app}</bdi></p>\
<p><bdi>{app}</bdi> needs permission to access resources in your organization that only an admin can grant. \
Please ask an admin to grant permission to this app before you can use it.</p>\
{signed_in}<p>Permissions that need an administrator:</p>{list}\
{form}\
<button type=\"submit\" id=\"decline\" name=\"consent\" value=\"return\">Return to the application without granting consent</button></form>",
        app = esc(app_name),
        signed_in = signed_in_as(user),
        list = perm_list(perms),
        form = ctx_form(action, ctx),
    );
    html_response(StatusCode::OK, page("Need admin approval", &body))
}

/// response_mode=form_post: an auto-submitting form to the redirect URI.
pub fn form_post(redirect_uri: &str, params: &[(String, String)]) -> Response {
    let mut inputs = String::new();
    for (k, v) in params {
        inputs.push_str(&format!(
            "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
            esc(k),
            esc(v)
        ));
    }
    let body = format!(
        "<form method=\"post\" action=\"{}\" id=\"form-post\">{inputs}<noscript><button type=\"submit\">Continue</button></noscript></form>\
<script>document.getElementById('form-post').submit()</script>",
        esc(redirect_uri)
    );
    html_response(StatusCode::OK, page("Working...", &body))
}
