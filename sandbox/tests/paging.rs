//! Every list pages: small pages, an absolute `@odata.nextLink` with an opaque `$skiptoken`,
//! `$top` honoured up to 999, a token of another query refused.

mod common;

use axum::http::StatusCode;
use common::*;
use sandbox_tenant::tenant::seed;

#[tokio::test]
async fn applications_page_by_three_and_the_link_leads_to_the_rest() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    for i in 0..4 {
        create_app(&env, &token, &format!("App {i}")).await;
    }
    let first = graph_json(&env, "/applications?$select=id,displayName", &token).await;
    assert_eq!(first["value"].as_array().unwrap().len(), 3);
    let link = first["@odata.nextLink"].as_str().unwrap();
    assert!(link.contains("$skiptoken="), "{link}");
    assert!(
        link.contains("$select=id,displayName"),
        "keeps the query: {link}"
    );
    let second = graph_json(&env, &next_path(link), &token).await;
    assert_eq!(second["value"].as_array().unwrap().len(), 1);
    assert!(second.get("@odata.nextLink").is_none());
    let (all, pages) = get_all(&env, &token, "/applications").await;
    assert_eq!((all.len(), pages), (4, 2));
    let mut ids: Vec<&str> = all.iter().map(|a| a["id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 4, "no item twice");
}

#[tokio::test]
async fn top_is_honoured_up_to_999() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let (all, _) = get_all(&env, &token, "/servicePrincipals").await;
    assert!(all.len() >= 4, "seeded resources and the onboarding app");
    let (_, pages) = get_all(&env, &token, "/servicePrincipals?$top=999").await;
    assert_eq!(pages, 1);
    let (_, pages) = get_all(&env, &token, "/servicePrincipals?$top=1").await;
    assert_eq!(pages, all.len());
    let r = graph(&env, "GET", "/servicePrincipals?$top=1000", &token, None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_skiptoken_of_another_query_is_refused() {
    let env = env();
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let first = graph_json(&env, "/servicePrincipals", &token).await;
    let link = next_path(first["@odata.nextLink"].as_str().unwrap());
    let token_part = link.split("$skiptoken=").nth(1).unwrap().to_string();
    let r = graph(
        &env,
        "GET",
        &format!("/applications?$skiptoken={token_part}"),
        &token,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
}

#[tokio::test]
async fn page_size_from_the_fault_plan_pages_member_of() {
    let env = env_with("page-size=1");
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    for path in ["/me/memberOf", "/me/transitiveMemberOf"] {
        let (items, pages) = get_all(&env, &token, path).await;
        assert_eq!(pages, items.len(), "{path}: one item per page");
        assert!(items.len() >= 2, "a role and a group");
    }
}

#[tokio::test]
async fn assignments_grants_and_role_assignments_page_too() {
    let env = env_with("page-size=1");
    let token = token_for(&env, seed::GLOBAL_ADMIN).await;
    let (_, sp_id) = app_with_sp(&env, &token, "Backup").await;
    let graph_sp = sp_of(&env, &token, "00000003-0000-0000-c000-000000000000").await;
    for role in ["Mail.ReadWrite", "Files.ReadWrite.All"] {
        let r = assign_app_role(&env, &token, &sp_id, &graph_sp, role).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    let graph_id = graph_sp["id"].as_str().unwrap();
    let g = grant_delegated(&env, &token, serde_json::json!({ "clientId": sp_id, "consentType": "AllPrincipals", "resourceId": graph_id, "scope": "User.Read" })).await;
    assert_eq!(g.status, StatusCode::CREATED, "{}", g.text());
    for path in [
        format!("/servicePrincipals/{sp_id}/appRoleAssignments"),
        format!("/servicePrincipals/{graph_id}/appRoleAssignedTo"),
        "/oauth2PermissionGrants".to_string(),
    ] {
        let (items, pages) = get_all(&env, &token, &path).await;
        assert!(items.len() >= 2 && pages == items.len(), "{path}");
    }
    let me = graph_json(&env, "/me", &token).await;
    for principal in [sp_id.as_str(), me["id"].as_str().unwrap()] {
        let r = assign_directory_role(&env, &token, principal).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    let (items, pages) = get_all(&env, &token, "/roleManagement/directory/roleAssignments").await;
    assert!(items.len() >= 2 && pages == items.len());
}
