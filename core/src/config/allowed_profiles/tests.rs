//! `allowedProfiles` and `Config::with_profile`: what a start message's `profile` may choose.

use serde_json::{Value, json};

use crate::config::tests::{only_problem, valid};

fn config(extra: Value) -> Value {
    let mut file = json!({
        "clientId": "11111111-2222-4333-8444-555555555555",
        "handoffOrigins": [],
        "appDisplayName": "Contoso Backup",
        "permissionProfile": "full-backup"
    });
    if let (Some(file), Value::Object(extra)) = (file.as_object_mut(), extra) {
        file.extend(extra);
    }
    file
}

const TEAMS: &str = r#"{"resource": "microsoftGraph", "permission": "ChannelMessage.Read.All", "type": "application", "reason": "Back up Teams channel messages."}"#;

#[test]
fn by_default_only_the_configured_profile_is_allowed() {
    let config = valid(config(json!({})));
    assert!(config.allowed_profiles.is_empty());
    assert!(config.allows_profile("full-backup"));
    assert!(!config.allows_profile("read-only"));
    assert_eq!(config.with_profile("full-backup"), Ok(config.clone()));
    let error = config.with_profile("read-only").expect_err("not listed");
    assert_eq!(
        error,
        "profile: \"read-only\" is not allowed by this deployment: send one of \"full-backup\", \
         or ask the vendor to add it to allowedProfiles in config.json"
    );
}

#[test]
fn a_listed_profile_runs_with_the_files_custom_permissions_added() {
    let teams: Value = serde_json::from_str(TEAMS).expect("JSON");
    let config = valid(config(json!({
        "allowedProfiles": ["read-only", "exchange-only"],
        "customPermissions": [teams]
    })));
    assert_eq!(
        config
            .allowed_profiles
            .iter()
            .map(|p| p.id)
            .collect::<Vec<_>>(),
        ["read-only", "exchange-only"]
    );
    let read_only = config.with_profile("read-only").expect("allowed");
    assert_eq!(
        read_only.permission_profile.map(|p| p.id),
        Some("read-only")
    );
    assert_eq!(read_only.custom_permissions, config.custom_permissions);
    assert_eq!(read_only.client_id, config.client_id);
    assert_eq!(read_only.source, config.source, "the file as served");
    assert!(config.with_profile("custom").is_err());
}

#[test]
fn entries_must_be_distinct_built_in_profiles() {
    let problem = only_problem(config(json!({"allowedProfiles": "read-only"})));
    assert_eq!(problem.key, "allowedProfiles");
    assert!(problem.problem.contains("array"), "{problem}");
    let problem = only_problem(config(
        json!({"allowedProfiles": ["read-only", "read-only"]}),
    ));
    assert_eq!(problem.key, "allowedProfiles[1]");
    assert!(problem.problem.contains("already listed"), "{problem}");
    let problem = only_problem(config(json!({"allowedProfiles": ["Read-Only"]})));
    assert_eq!(problem.key, "allowedProfiles[0]");
    assert!(problem.problem.contains("\"read-only\""), "{problem}");
    let problem = only_problem(config(json!({"allowedProfiles": ["custom"]})));
    assert!(problem.problem.contains("cannot be chosen"), "{problem}");
    let problem = only_problem(config(json!({"allowedProfiles": [null]})));
    assert_eq!(problem.key, "allowedProfiles[0]");
}

#[test]
fn a_profile_that_already_has_a_custom_permission_is_refused_at_startup() {
    // Mail.Read is not in full-backup (it has Mail.ReadWrite) but is in read-only.
    let file = config(json!({
        "allowedProfiles": ["read-only"],
        "customPermissions": [{"resource": "microsoftGraph", "permission": "Mail.Read",
                               "type": "application", "reason": "Read mail."}]
    }));
    let problem = only_problem(file);
    assert_eq!(problem.key, "allowedProfiles[0]");
    assert!(
        problem
            .problem
            .starts_with("\"read-only\" already has Mail.Read, which customPermissions[0] adds"),
        "{problem}"
    );
    assert!(problem.problem.contains("Mail.Read"), "{problem}");
}

#[test]
fn the_key_is_known_and_suggested() {
    let problem = only_problem(config(json!({"allowedProfile": []})));
    assert_eq!(problem.key, "allowedProfile");
    assert!(problem.problem.contains("allowedProfiles"), "{problem}");
}
