use super::{DE, EN, Piece, fill, fill_nodes, pieces};
use crate::wizard::view::parts::name;
use crate::wizard::view::{Node, Tag};

/// Words German shares with English: names and loanwords German uses as they are.
pub const SAME_IN_GERMAN: [&str; 3] = ["common.app", "permissions.onedrive", "portal.name"];

fn slots(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = pieces(template)
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Slot(name) => Some(name),
            Piece::Text(_) => None,
        })
        .collect();
    names.sort_unstable();
    names
}

#[test]
fn every_german_field_is_written_and_differs_from_english_but_the_allowed_ones() {
    let english = EN.entries();
    let german = DE.entries();
    assert_eq!(english.len(), german.len());
    assert!(english.len() > 150, "{} fields", english.len());
    for ((field, en), (de_field, de)) in english.iter().zip(&german) {
        assert_eq!(field, de_field);
        assert!(!de.trim().is_empty(), "{field} is empty in German");
        assert!(!en.trim().is_empty(), "{field} is empty in English");
        if SAME_IN_GERMAN.contains(&field.as_str()) {
            assert_eq!(en, de, "{field} is allowed to be the same, so it must be");
        } else {
            assert_ne!(en, de, "{field} is not translated");
        }
    }
}

#[test]
fn both_languages_fill_the_same_slots() {
    for ((field, en), (_, de)) in EN.entries().iter().zip(&DE.entries()) {
        assert_eq!(slots(en), slots(de), "{field}");
    }
}

#[test]
fn no_german_sentence_runs_on_as_one_unbreakable_word() {
    // The page wraps anywhere (overflow-wrap: anywhere), but a word longer than a phone's
    // line would be cut mid-letter: none of ours is.
    for (field, de) in DE.entries() {
        for word in de.split_whitespace() {
            assert!(word.chars().count() <= 40, "{field}: {word}");
        }
    }
}

#[test]
fn a_value_is_put_in_once_and_never_read_as_a_template() {
    assert_eq!(
        fill(
            "App “{app}” for {days} days",
            &[("app", "{days}"), ("days", "90")]
        ),
        "App “{days}” for 90 days"
    );
    assert_eq!(fill("{ not a slot } {x", &[]), "{ not a slot } {x");
    assert_eq!(fill("a {missing} b", &[]), "a  b");
}

#[test]
fn a_slot_can_hold_an_element() {
    let nodes = fill_nodes("Delete {app} now", &[("app", name("Contoso \u{202e}evil"))]);
    assert_eq!(nodes.len(), 3);
    assert!(matches!(&nodes[1], Node::Element { tag: Tag::Bdi, .. }));
    let words: String = nodes.iter().map(Node::words).collect();
    assert_eq!(words, "Delete Contoso \u{202e}evil now");
}

#[test]
fn reasons_other_modules_say_in_english_are_translated() {
    use crate::catalog::permissions::every;
    use crate::config::CertificateReason;
    let certificate = [
        CertificateReason::SharePointAppOnly,
        CertificateReason::ExchangeManagement,
        CertificateReason::Requested,
    ]
    .map(CertificateReason::explain);
    let scopes = crate::auth::scopes::scope_specs(crate::auth::scopes::ScopeOptions {
        read_app_management_policy: true,
        assign_directory_roles: true,
        read_tenant: true,
    });
    let reasons = certificate
        .into_iter()
        .chain([EN.reasons.role_exchange_administrator])
        .chain(every().map(|permission| permission.reason))
        .chain(scopes.iter().map(|scope| scope.reason));
    let mut count = 0;
    for english in reasons {
        count += 1;
        assert_eq!(EN.reasons.of(english), english);
        let german = DE.reasons.of(english);
        assert_ne!(german, english, "not translated: {english}");
    }
    assert_eq!(count, EN.reasons.entries().len());
    // A deployer's own reason is shown as written.
    assert_eq!(DE.reasons.of("Our own words."), "Our own words.");
}
