//! Scope strings: bare ("Application.ReadWrite.All"), prefixed with Graph's resource URI
//! ("https://graph.microsoft.com/User.Read" or the sandbox's graph base), `.default`, and the
//! OpenID Connect scopes.

use super::super::Tenant;
use super::super::permissions::{OIDC_SCOPES, graph_scope};
use super::clients::Client;
use super::errors::EntraError;

/// Canonical scope values (Graph scope values as registered, then OIDC scopes), or Entra's error.
pub fn normalize(tenant: &Tenant, client: &Client, raw: &str) -> Result<Vec<String>, EntraError> {
    let mut out: Vec<String> = vec![];
    let mut push = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    let graph_prefixes = [
        "https://graph.microsoft.com/".to_string(),
        format!("{}/", tenant.options.graph_base),
        "00000003-0000-0000-c000-000000000000/".to_string(),
    ];
    let mut any = false;
    for s in raw.split_whitespace() {
        any = true;
        if let Some(o) = OIDC_SCOPES.iter().find(|o| o.eq_ignore_ascii_case(s)) {
            push(o.to_string());
            continue;
        }
        let bare = graph_prefixes.iter().find_map(|p| {
            s.get(..p.len())
                .filter(|h| h.eq_ignore_ascii_case(p))
                .map(|_| &s[p.len()..])
        });
        let bare = match bare {
            Some(b) => b,
            None if s.contains("://") || s.contains('/') => {
                // UNDOCUMENTED CHOICE: only Graph is emulated as a delegated resource; other
                // resources' scopes are refused as Entra refuses unknown scopes.
                return Err(invalid_scope(s));
            }
            None => s,
        };
        if bare == ".default" {
            for st in &client.static_scopes {
                push(st.clone());
            }
            continue;
        }
        match graph_scope(bare) {
            Some(p) => push(p.value.to_string()),
            None => return Err(invalid_scope(s)),
        }
    }
    if !any {
        return Err(EntraError::missing("scope"));
    }
    Ok(out)
}

fn invalid_scope(s: &str) -> EntraError {
    EntraError::new(
        "invalid_scope",
        70011,
        format!(
            "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope '{s}' does not exist."
        ),
    )
}

pub fn is_oidc(s: &str) -> bool {
    OIDC_SCOPES.contains(&s)
}
