//! What an existing app has against what the plan wants: pure set differences, so repair and
//! resume add only what is missing and remove only what is extra.

use super::facts::{AccessEntry, Assignment, DelegatedGrant};

/// Entries to add and to remove.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes<T> {
    pub missing: Vec<T>,
    pub extra: Vec<T>,
}

impl<T> Default for Changes<T> {
    fn default() -> Self {
        Changes {
            missing: Vec::new(),
            extra: Vec::new(),
        }
    }
}

impl<T> Changes<T> {
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty()
    }
}

/// `requiredResourceAccess`: compared as sets of (resource, id, type); order is irrelevant.
pub fn resource_access(wanted: &[AccessEntry], existing: &[AccessEntry]) -> Changes<AccessEntry> {
    let same = |a: &AccessEntry, b: &AccessEntry| {
        a.resource_app_id.eq_ignore_ascii_case(&b.resource_app_id)
            && a.id.eq_ignore_ascii_case(&b.id)
            && a.kind.eq_ignore_ascii_case(&b.kind)
    };
    Changes {
        missing: wanted
            .iter()
            .filter(|w| !existing.iter().any(|e| same(w, e)))
            .cloned()
            .collect(),
        extra: existing
            .iter()
            .filter(|e| !wanted.iter().any(|w| same(w, e)))
            .cloned()
            .collect(),
    }
}

/// Application grants: `wanted` as (resource service principal id, app role id). Missing are
/// indexes into `wanted`; extra are the assignments no planned grant accounts for.
pub fn assignments(wanted: &[(String, String)], existing: &[Assignment]) -> Changes<usize> {
    let held = |(resource, role): &(String, String), a: &Assignment| {
        a.resource_id.eq_ignore_ascii_case(resource) && a.app_role_id.eq_ignore_ascii_case(role)
    };
    Changes {
        missing: (0..wanted.len())
            .filter(|i| !existing.iter().any(|a| held(&wanted[*i], a)))
            .collect(),
        extra: (0..existing.len())
            .filter(|i| !wanted.iter().any(|w| held(w, &existing[*i])))
            .collect(),
    }
}

/// What to do with the tenant-wide delegated grant of one resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DelegatedChange {
    /// No grant yet: create one with these scopes.
    Create,
    /// A grant exists with other scopes: set its `scope` (grant id).
    Update(String),
    /// A grant exists with exactly these scopes.
    Keep(String),
}

/// The change for one resource's wanted scopes, given the app's existing grants.
pub fn delegated(
    resource_id: &str,
    scopes: &[String],
    existing: &[DelegatedGrant],
) -> DelegatedChange {
    match existing.iter().find(|g| g.resource_id == resource_id) {
        None => DelegatedChange::Create,
        Some(grant) => {
            let mut have: Vec<&str> = grant.scopes.iter().map(String::as_str).collect();
            let mut want: Vec<&str> = scopes.iter().map(String::as_str).collect();
            have.sort_unstable();
            have.dedup();
            want.sort_unstable();
            want.dedup();
            if have == want {
                DelegatedChange::Keep(grant.id.clone())
            } else {
                DelegatedChange::Update(grant.id.clone())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(resource: &str, id: &str, kind: &str) -> AccessEntry {
        AccessEntry {
            resource_app_id: resource.into(),
            id: id.into(),
            kind: kind.into(),
        }
    }

    #[test]
    fn resource_access_differences_ignore_order_and_case() {
        let wanted = vec![entry("g", "a", "Role"), entry("g", "b", "Role")];
        let existing = vec![
            entry("G", "B", "Role"),
            entry("g", "c", "Role"),
            entry("g", "a", "Scope"),
        ];
        let changes = resource_access(&wanted, &existing);
        assert_eq!(changes.missing, vec![entry("g", "a", "Role")]);
        assert_eq!(
            changes.extra,
            vec![entry("g", "c", "Role"), entry("g", "a", "Scope")]
        );
        assert!(resource_access(&wanted, &wanted).is_empty());
    }

    #[test]
    fn assignments_missing_and_extra() {
        let wanted = vec![
            ("r1".to_owned(), "x".to_owned()),
            ("r1".to_owned(), "y".to_owned()),
        ];
        let existing = vec![
            Assignment {
                id: "1".into(),
                resource_id: "r1".into(),
                app_role_id: "y".into(),
            },
            Assignment {
                id: "2".into(),
                resource_id: "r2".into(),
                app_role_id: "x".into(),
            },
        ];
        let changes = assignments(&wanted, &existing);
        assert_eq!(changes.missing, vec![0]);
        assert_eq!(changes.extra, vec![1]);
    }

    #[test]
    fn delegated_grants_are_created_updated_or_kept() {
        let existing = vec![DelegatedGrant {
            id: "g1".into(),
            resource_id: "r1".into(),
            scopes: vec!["B".into(), "A".into()],
        }];
        let scopes = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            delegated("r2", &scopes(&["A"]), &existing),
            DelegatedChange::Create
        );
        assert_eq!(
            delegated("r1", &scopes(&["A", "B"]), &existing),
            DelegatedChange::Keep("g1".into())
        );
        assert_eq!(
            delegated("r1", &scopes(&["A"]), &existing),
            DelegatedChange::Update("g1".into())
        );
    }
}
