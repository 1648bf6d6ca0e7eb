//! The manual path: the plan as steps in the Entra admin center and as a manifest fragment to
//! paste, for an admin who will not let a page write to the tenant; then the way to check it.

use crate::config::Config;
use crate::portal::{ManualRegistration, admin_portal, required_resource_access, steps_in};
use crate::wizard::Words;
use crate::wizard::view::parts::{actions, button, copy, h2, muted, name, p, text_list};
use crate::wizard::view::{Node, Screen, Tag};
use crate::wizard::words::fill_nodes;

/// The manual path's screen: the portal's steps, the manifest, and the way to check.
pub fn manual(words: &Words, config: &Config) -> Screen {
    let w = &words.manual;
    let request = ManualRegistration::from_config(config);
    let portal = admin_portal(config.cloud);
    let manifest = required_resource_access(&request.permissions);
    let numbered = Node::element(Tag::Ol).id("manual-steps").children(
        steps_in(&request, portal.as_ref(), None, words)
            .into_iter()
            .map(|step| {
                Node::element(Tag::Li)
                    .child(Node::element(Tag::Strong).say(step.title))
                    .children(step.sentences.into_iter().map(p))
            }),
    );
    let mut screen = Screen::new("manual", w.title)
        .with(Node::element(Tag::P).children(fill_nodes(
            w.intro,
            &[("app", name(config.app_display_name.as_str()))],
        )))
        .with(numbered)
        .with(h2(w.manifest_heading))
        .with(p(w.manifest_how))
        .with(
            Node::element(Tag::Pre).child(
                Node::element(Tag::Code)
                    .id("manual-manifest")
                    .say(manifest.json),
            ),
        )
        .with(actions([copy(
            words,
            "copy-manifest",
            "manual-manifest",
            w.the_manifest,
        )]));
    if !manifest.left_out.is_empty() {
        screen.push(muted(w.left_out));
        screen.push(text_list(manifest.left_out.iter().map(|p| p.value.clone())));
    }
    screen.push(h2(w.then_check));
    screen.push(p(w.then_check_words));
    screen.push(actions([button(
        "manual-check",
        "path-check",
        w.sign_in_and_check,
    )]));
    screen
}
