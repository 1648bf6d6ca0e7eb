//! The manual path: the plan as steps in the Entra admin center and as a manifest fragment to
//! paste, for an admin who will not let a page write to the tenant; then the way to check it.

use crate::config::Config;
use crate::portal::{ManualRegistration, admin_portal, required_resource_access, steps};
use crate::wizard::view::parts::{actions, button, copy, h2, muted, name, p, text_list};
use crate::wizard::view::{Node, Screen, Tag};

pub fn manual(config: &Config) -> Screen {
    let request = ManualRegistration::from_config(config);
    let portal = admin_portal(config.cloud);
    let manifest = required_resource_access(&request.permissions);
    let numbered = Node::element(Tag::Ol).id("manual-steps").children(
        steps(&request, portal.as_ref(), None)
            .into_iter()
            .map(|step| {
                Node::element(Tag::Li)
                    .child(Node::element(Tag::Strong).say(step.title))
                    .children(step.sentences.into_iter().map(p))
            }),
    );
    let mut screen = Screen::new("manual", "Register the app by hand")
        .with(
            p(
                "Nothing is written by this page on this path: you make the app yourself in the \
               Entra admin center, as below, then let this page check it (read only).",
            )
            .child(Node::text(" The app to make: "))
            .child(name(config.app_display_name.as_str()))
            .say("."),
        )
        .with(numbered)
        .with(h2("The permissions as a manifest"))
        .with(p(
            "Instead of adding each permission by hand: open the app's Manifest, replace \
             “requiredResourceAccess” with this, save, then grant admin consent.",
        ))
        .with(
            Node::element(Tag::Pre).child(
                Node::element(Tag::Code)
                    .id("manual-manifest")
                    .say(manifest.json),
            ),
        )
        .with(actions([copy(
            "copy-manifest",
            "manual-manifest",
            "the manifest",
        )]));
    if !manifest.left_out.is_empty() {
        screen.push(muted(
            "Not in the manifest, because their ids differ from tenant to tenant: add these by \
             name on the API permissions page.",
        ));
        screen.push(text_list(manifest.left_out.iter().map(|p| p.value.clone())));
    }
    screen.push(h2("Then check it"));
    screen.push(p(
        "Sign in and give this page the new app's application (client) id: it reads the app and \
         says what is missing, extra or not consented, without changing anything unless you ask.",
    ));
    screen.push(actions([button(
        "manual-check",
        "path-check",
        "Sign in and check the app",
    )]));
    screen
}
