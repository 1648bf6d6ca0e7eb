//! The authority segment of the sign-in URL: which directory the admin signs in to.

use super::guid::parse_guid;
use super::host::Host;
use crate::guid::is_guid;

/// The default: any work or school account; the tenant is learnt from the sign-in.
pub const DEFAULT_TENANT: &str = "organizations";

/// Validates `"tenant"`: `organizations`, a tenant GUID, or a verified domain name such as
/// `contoso.onmicrosoft.com`. Returned lowercase.
pub(crate) fn parse_tenant(text: &str) -> Result<String, String> {
    let lower = text.to_ascii_lowercase();
    match lower.as_str() {
        "organizations" => return Ok(lower),
        "common" | "consumers" => {
            return Err(format!(
                "\"{lower}\" lets personal Microsoft accounts sign in, and they cannot register apps in a Microsoft 365 tenant: write \"organizations\", the tenant id or its domain"
            ));
        }
        _ => {}
    }
    if is_guid(text) {
        return parse_guid(text);
    }
    let looks_like_domain = lower.contains('.') && !lower.contains(['/', ':']);
    match Host::parse(&lower) {
        Ok(Host::Domain(domain)) if looks_like_domain => Ok(domain),
        _ => Err(format!(
            "{text:?} is not a tenant: write \"organizations\", the tenant id (a GUID) or a domain such as contoso.onmicrosoft.com"
        )),
    }
}

/// Checks a dashboard's `tenantHint` (docs/handoff.md): a tenant id or a verified domain, never
/// `organizations` or another authority keyword. Returned lowercase.
pub(crate) fn parse_tenant_hint(text: &str) -> Result<String, String> {
    if is_guid(text) || text.contains('.') {
        return parse_tenant(text);
    }
    Err(format!(
        "{text:?} is not a tenant: send the tenant id (a GUID) or a domain such as contoso.onmicrosoft.com"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_organizations_guids_and_domains() {
        assert_eq!(parse_tenant("organizations"), Ok("organizations".into()));
        assert_eq!(parse_tenant("Organizations"), Ok("organizations".into()));
        assert_eq!(
            parse_tenant("AAAAAAAA-bbbb-4ccc-8ddd-eeeeeeeeeeee"),
            Ok("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee".into())
        );
        assert_eq!(
            parse_tenant("Contoso.onmicrosoft.com"),
            Ok("contoso.onmicrosoft.com".into())
        );
    }

    #[test]
    fn refuses_personal_account_authorities_with_the_reason() {
        for personal in ["common", "consumers", "COMMON"] {
            let error = parse_tenant(personal).expect_err(personal);
            assert!(error.contains("personal Microsoft accounts"), "{error}");
        }
    }

    #[test]
    fn a_tenant_hint_is_a_guid_or_a_domain_only() {
        assert_eq!(
            parse_tenant_hint("Contoso.onmicrosoft.com"),
            Ok("contoso.onmicrosoft.com".into())
        );
        assert!(parse_tenant_hint("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee").is_ok());
        for bad in [
            "organizations",
            "common",
            "contoso",
            "contoso.com/x",
            "1.2.3.4",
            "",
        ] {
            assert!(parse_tenant_hint(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn refuses_anything_else() {
        for bad in [
            "",
            "contoso",
            "https://contoso.com",
            "contoso.com/x",
            "1.2.3.4",
            "*.contoso.com",
        ] {
            assert!(parse_tenant(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
