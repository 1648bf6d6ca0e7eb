//! Microsoft Graph v1.0: auth, CORS, reads, the registration sequence, role and scope
//! enforcement, replication delay, upsert, secrets and policies, counts, sites.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use sandbox_tenant::tenant::seed;
use serde_json::json;

const GRAPH: &str = "00000003-0000-0000-c000-000000000000";
const EXCHANGE: &str = "00000002-0000-0ff1-ce00-000000000000";

#[tokio::test]
async fn bearer_token_required_with_odata_error_shape() {
    let env = env();
    let r = send(
        &env.graph,
        Request::get("/v1.0/me").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let e = r.json();
    assert_eq!(e["error"]["code"], "InvalidAuthenticationToken");
    for k in ["date", "request-id", "client-request-id"] {
        assert!(e["error"]["innerError"][k].is_string(), "{k}");
    }
    let r = graph(&env, "GET", "/me", "not.a.token", None).await;
    assert_eq!(error_code(&r), "InvalidAuthenticationToken");
    // An expired token.
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    advance(&env, 3601);
    let r = graph(&env, "GET", "/me", &token, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn cors_for_any_origin_with_preflight() {
    let env = env();
    let pre = preflight(
        &env.graph,
        "/v1.0/applications",
        "https://anything.example",
        "authorization,content-type,consistencylevel,prefer,client-request-id",
    )
    .await;
    assert_eq!(pre.status, StatusCode::OK);
    assert_eq!(
        pre.header("access-control-allow-origin").as_deref(),
        Some("*")
    );
    let allowed = pre
        .header("access-control-allow-headers")
        .unwrap()
        .to_lowercase();
    for h in [
        "authorization",
        "content-type",
        "prefer",
        "consistencylevel",
        "client-request-id",
    ] {
        assert!(allowed.contains(h), "{h}");
    }
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let r = graph_h(
        &env,
        "GET",
        "/organization",
        &token,
        None,
        &[("origin", APP), ("client-request-id", "abc-123")],
    )
    .await;
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("*")
    );
    assert_eq!(r.header("client-request-id").as_deref(), Some("abc-123"));
}

#[tokio::test]
async fn reads_the_app_makes() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let org = graph_json(&env, "/organization", &token).await;
    let o = &org["value"][0];
    assert_eq!(o["id"], seed::TENANT_ID);
    let domains = o["verifiedDomains"].as_array().unwrap();
    assert!(
        domains
            .iter()
            .any(|d| d["isInitial"] == true && d["name"] == seed::TENANT_DOMAIN)
    );
    assert!(domains.iter().any(|d| d["isDefault"] == true));
    let me = graph_json(
        &env,
        "/me?$select=displayName,userPrincipalName,userType",
        &token,
    )
    .await;
    assert_eq!(me["userPrincipalName"], seed::GLOBAL_ADMIN);
    assert_eq!(me["userType"], "Member");
    assert!(
        me.get("mail").is_none(),
        "$select keeps only what was asked"
    );
    let roles = graph_json(&env, "/me/transitiveMemberOf", &token).await;
    let ga = roles["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["@odata.type"] == "#microsoft.graph.directoryRole")
        .unwrap();
    assert_eq!(ga["roleTemplateId"], "62e90394-69f5-4237-9190-012177145e10");
    let sp = sp_of(&env, &token, GRAPH).await;
    assert_eq!(
        role_id(&sp, "Application.ReadWrite.All"),
        "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9"
    );
    assert_eq!(
        role_id(&sp, "Mail.ReadWrite"),
        "e2a3a72e-5f79-4c64-b1b1-878b674786c9"
    );
    let exo = sp_of(&env, &token, EXCHANGE).await;
    assert_eq!(
        role_id(&exo, "full_access_as_app"),
        "dc890d15-9560-4a4c-9b7f-a736ec74ec40"
    );
    let policy = app_policy(&env, &token).await;
    assert_eq!(policy["isEnabled"], false);
    let sites = graph_json(&env, "/sites?search=*&$top=50", &token).await;
    assert!(sites["value"].as_array().unwrap().len() >= 4);
}

#[tokio::test]
async fn counts_need_consistency_level_and_are_plain_text() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let r = graph(&env, "GET", "/users/$count", &token, None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = graph_h(
        &env,
        "GET",
        "/users/$count",
        &token,
        None,
        &[("ConsistencyLevel", "eventual")],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header("content-type").unwrap().starts_with("text/plain"));
    assert!(r.text().parse::<u32>().unwrap() >= 8);
    let r = graph_h(
        &env,
        "GET",
        "/groups/$count",
        &token,
        None,
        &[("ConsistencyLevel", "eventual")],
    )
    .await;
    assert_eq!(r.text(), "5");
}

#[tokio::test]
async fn global_admin_runs_the_whole_registration_sequence() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let app = create_app(&env, &token, "Backup <b>Contoso</b>").await;
    let app_id = app["appId"].as_str().unwrap();
    let sp = create_sp(&env, &token, &app["appId"]).await;
    assert_eq!(sp.status, StatusCode::CREATED, "{}", sp.text());
    let sp_id = sp.json()["id"].as_str().unwrap().to_string();
    let graph_sp = sp_of(&env, &token, GRAPH).await;
    let graph_sp_id = graph_sp["id"].as_str().unwrap();
    let a = assign_app_role(&env, &token, &sp_id, &graph_sp, "Mail.ReadWrite").await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    let list = graph_json(
        &env,
        &format!("/servicePrincipals/{sp_id}/appRoleAssignments"),
        &token,
    )
    .await;
    assert_eq!(list["value"].as_array().unwrap().len(), 1);
    let g = grant_delegated(&env, &token, json!({ "clientId": sp_id, "consentType": "AllPrincipals", "resourceId": graph_sp_id, "scope": "User.Read Sites.Read.All" })).await;
    assert_eq!(g.status, StatusCode::CREATED, "{}", g.text());
    let f = graph_json(
        &env,
        &format!("/oauth2PermissionGrants?$filter=clientId%20eq%20'{sp_id}'"),
        &token,
    )
    .await;
    assert_eq!(f["value"].as_array().unwrap().len(), 1);
    let bad = grant_delegated(&env, &token, json!({ "clientId": sp_id, "consentType": "Principal", "principalId": sp_id, "resourceId": graph_sp_id, "scope": "Not.A.Scope" })).await;
    assert_eq!(bad.status.as_u16() / 100, 4);
    let ra = assign_directory_role(&env, &token, &sp_id).await;
    assert_eq!(ra.status, StatusCode::CREATED, "{}", ra.text());
    let dup = create_sp(&env, &token, &app["appId"]).await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
    let by_filter = graph_json(
        &env,
        &format!("/applications?$filter=appId%20eq%20'{app_id}'"),
        &token,
    )
    .await;
    assert_eq!(
        by_filter["value"][0]["displayName"],
        "Backup <b>Contoso</b>"
    );
    let del = graph(
        &env,
        "DELETE",
        &format!("/applications/{}", app["id"].as_str().unwrap()),
        &token,
        None,
    )
    .await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    assert_eq!(
        graph(
            &env,
            "GET",
            &format!("/servicePrincipals/{sp_id}"),
            &token,
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn application_administrator_cannot_grant_graph_app_roles() {
    let env = env();
    let token = token_for(&env, seed::APPLICATION_ADMIN).await;
    let app = create_app(&env, &token, "Backup").await;
    let sp = create_sp(&env, &token, &app["appId"]).await;
    assert_eq!(sp.status, StatusCode::CREATED);
    let sp_id = sp.json()["id"].as_str().unwrap().to_string();
    let graph_sp = sp_of(&env, &token, GRAPH).await;
    let r = assign_app_role(&env, &token, &sp_id, &graph_sp, "Mail.ReadWrite").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(error_code(&r), "Authorization_RequestDenied");
    assert_eq!(
        r.json()["error"]["message"],
        "Insufficient privileges to complete the operation."
    );
    // Other resources' app roles are allowed (documented exception is Graph only).
    let exo = sp_of(&env, &token, EXCHANGE).await;
    let r = assign_app_role(&env, &token, &sp_id, &exo, "Exchange.ManageAsApp").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    // Tenant-wide delegated grants, Graph's included, are allowed (grant-admin-consent docs).
    let g = grant_delegated(&env, &token, json!({ "clientId": sp_id, "consentType": "AllPrincipals", "resourceId": graph_sp["id"], "scope": "User.Read" })).await;
    assert_eq!(g.status, StatusCode::CREATED, "{}", g.text());
    // Role assignments need Global or Privileged Role Administrator.
    let ra = assign_directory_role(&env, &token, &sp_id).await;
    assert_eq!(ra.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn privileged_role_administrator_may_grant_graph_app_roles() {
    let env = env();
    let admin = token_for(&env, seed::GLOBAL_ADMIN).await;
    let app = create_app(&env, &admin, "Backup").await;
    let sp_id = create_sp(&env, &admin, &app["appId"]).await.json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let pra = token_for(&env, seed::PRIVILEGED_ROLE_ADMIN).await;
    let graph_sp = sp_of(&env, &pra, GRAPH).await;
    let r = assign_app_role(&env, &pra, &sp_id, &graph_sp, "Files.ReadWrite.All").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    // But PRA does not own nor administer the app registration.
    let p = patch_app(&env, &pra, &app, json!({ "displayName": "x" })).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn plain_user_cannot_register_an_app() {
    let env = env();
    // A plain user with only User.Read consented: no Application.ReadWrite.All.
    let t = sign_in(&env, seed::PLAIN_USER, "openid profile User.Read").await;
    let token = t["access_token"].as_str().unwrap();
    let r = graph(
        &env,
        "POST",
        "/applications",
        token,
        Some(json!({ "displayName": "Mine" })),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(error_code(&r), "Authorization_RequestDenied");
    assert_eq!(
        graph(&env, "GET", "/me", token, None).await.status,
        StatusCode::OK
    );
    // Even with Application.ReadWrite.All consented tenant-wide, the tenant lets only
    // application roles register apps.
    sign_in(&env, seed::GLOBAL_ADMIN, ADMIN_SCOPES).await;
    let token = token_for(&env, seed::PLAIN_USER).await;
    let r = graph(
        &env,
        "POST",
        "/applications",
        &token,
        Some(json!({ "displayName": "Mine" })),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
    let r = graph_h(
        &env,
        "PATCH",
        "/applications(uniqueName='mine')",
        &token,
        Some(json!({ "displayName": "Mine" })),
        &[("Prefer", "create-if-missing")],
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "upsert creates too");
}

#[tokio::test]
async fn replication_delay_hides_new_objects() {
    let env = env_with("replication=5s");
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let app = create_app(&env, &token, "Backup").await;
    let id = app["id"].as_str().unwrap();
    let r = graph(&env, "GET", &format!("/applications/{id}"), &token, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(error_code(&r), "Request_ResourceNotFound");
    let sp = create_sp(&env, &token, &app["appId"]).await;
    assert_eq!(sp.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        sp.json()["error"]["details"][0]["code"],
        "NoBackingApplicationObject"
    );
    let pw = add_password(&env, &token, id, json!({ "displayName": "x" })).await;
    assert_eq!(pw.status, StatusCode::NOT_FOUND);
    advance(&env, 6);
    assert_eq!(
        graph(&env, "GET", &format!("/applications/{id}"), &token, None)
            .await
            .status,
        StatusCode::OK
    );
    let sp = create_sp(&env, &token, &app["appId"]).await;
    assert_eq!(sp.status, StatusCode::CREATED);
    let sp_id = sp.json()["id"].as_str().unwrap().to_string();
    let graph_sp = sp_of(&env, &token, GRAPH).await;
    let r = assign_app_role(&env, &token, &sp_id, &graph_sp, "Mail.ReadWrite").await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "a new SP as a reference: {}",
        r.text()
    );
    advance(&env, 6);
    let r = assign_app_role(&env, &token, &sp_id, &graph_sp, "Mail.ReadWrite").await;
    assert_eq!(r.status, StatusCode::CREATED);
}

#[tokio::test]
async fn upsert_by_unique_name() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let path = "/applications(uniqueName='contoso-backup')";
    let body = json!({ "displayName": "Contoso Backup", "signInAudience": "AzureADMyOrg" });
    let missing = graph(&env, "PATCH", path, &token, Some(body.clone())).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let c = graph_h(
        &env,
        "PATCH",
        path,
        &token,
        Some(body.clone()),
        &[("Prefer", "create-if-missing")],
    )
    .await;
    assert_eq!(c.status, StatusCode::CREATED, "{}", c.text());
    assert_eq!(c.json()["uniqueName"], "contoso-backup");
    let u = graph_h(
        &env,
        "PATCH",
        path,
        &token,
        Some(json!({ "displayName": "Renamed" })),
        &[("Prefer", "create-if-missing")],
    )
    .await;
    assert_eq!(u.status, StatusCode::NO_CONTENT);
    let g = graph_json(&env, path, &token).await;
    assert_eq!(g["displayName"], "Renamed");
    let all = graph_json(&env, "/applications", &token).await;
    assert_eq!(all["value"].as_array().unwrap().len(), 1);
    let bad = graph(
        &env,
        "POST",
        "/applications",
        &token,
        Some(json!({ "displayName": "x", "nonsense": 1 })),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn add_password_returns_secret_once() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let app = create_app(&env, &token, "Backup").await;
    let id = app["id"].as_str().unwrap();
    let r = add_password(
        &env,
        &token,
        id,
        json!({ "displayName": "backup-2026", "endDateTime": "2099-01-01T00:00:00Z" }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let pc = r.json();
    let secret = pc["secretText"].as_str().unwrap();
    assert_eq!(secret.len(), 40);
    assert_eq!(pc["hint"], &secret[..3]);
    let g = graph(&env, "GET", &format!("/applications/{id}"), &token, None).await;
    assert!(!g.text().contains(secret));
    assert_eq!(
        g.json()["passwordCredentials"][0]["secretText"],
        serde_json::Value::Null
    );
    let key_id = pc["keyId"].as_str().unwrap();
    let rm = graph(
        &env,
        "POST",
        &format!("/applications/{id}/removePassword"),
        &token,
        Some(json!({ "keyId": key_id })),
    )
    .await;
    assert_eq!(rm.status, StatusCode::NO_CONTENT);
    let g = graph_json(&env, &format!("/applications/{id}"), &token).await;
    assert!(g["passwordCredentials"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn app_management_policy_refuses_secrets() {
    let env = env_with("secrets=forbidden");
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let policy = app_policy(&env, &token).await;
    assert_eq!(policy["isEnabled"], true);
    assert_eq!(
        policy["applicationRestrictions"]["passwordCredentials"][0]["restrictionType"],
        "passwordAddition"
    );
    let app = create_app(&env, &token, "Backup").await;
    let r = add_password(&env, &token, app["id"].as_str().unwrap(), json!({})).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(error_code(&r), "CredentialTypeNotAllowedAsPerAppPolicy");

    let env = env_with("secrets=max:30d");
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let policy = app_policy(&env, &token).await;
    assert_eq!(
        policy["applicationRestrictions"]["passwordCredentials"][0]["maxLifetime"],
        "P30D"
    );
    let app = create_app(&env, &token, "Backup").await;
    let id = app["id"].as_str().unwrap();
    let r = add_password(
        &env,
        &token,
        id,
        json!({ "endDateTime": "2099-01-01T00:00:00Z" }),
    )
    .await;
    assert_eq!(error_code(&r), "CredentialInvalidLifetimeAsPerAppPolicy");
    let r = add_password(&env, &token, id, json!({})).await;
    assert_eq!(
        error_code(&r),
        "CredentialInvalidLifetimeAsPerAppPolicy",
        "the default two-year lifetime is too long too"
    );
    let end = sandbox_tenant::tenant::clock::iso(
        env.tenant.now() + std::time::Duration::from_secs(10 * 86_400),
    );
    let r = add_password(&env, &token, id, json!({ "endDateTime": end })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

#[tokio::test]
async fn guests_cannot_enumerate_the_directory() {
    let env = env();
    sign_in(&env, seed::GLOBAL_ADMIN, ADMIN_SCOPES).await;
    let token = token_for(&env, seed::GUEST).await;
    assert_eq!(
        graph(&env, "GET", "/me", &token, None).await.status,
        StatusCode::OK
    );
    assert_eq!(
        graph(&env, "GET", "/applications", &token, None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}
