use serde_json::json;

use super::parts::{button, facts, name, p};
use super::{Node, Screen, Tag, safe_href};

fn sample() -> Screen {
    Screen::new("result", "Registered").with(Node::element(Tag::Div).id("result").children([
        p("Created ").child(name("Contoso \u{202e}evil")),
        facts([("Client secret".into(), Node::text("s3cret"))]).attr("data-secret", "yes"),
        button("again", "run-again", "Run it again"),
    ]))
}

#[test]
fn a_screen_reads_back_as_it_was_written() {
    let screen = sample();
    let read = Screen::from_json(&screen.to_json()).expect("reads back");
    assert_eq!(read, screen);
}

#[test]
fn markup_in_a_name_stays_text() {
    let screen = Screen::new("who", "Who").with(p("").child(name("<img src=x onerror=alert(1)>")));
    let json = screen.to_json();
    let read = Screen::from_json(&json).expect("reads back");
    let Node::Element { children, .. } = &read.body[0] else {
        panic!("an element");
    };
    let Node::Element { tag, children, .. } = &children[1] else {
        panic!("the name");
    };
    assert_eq!(*tag, Tag::Bdi);
    assert_eq!(children[0], Node::text("<img src=x onerror=alert(1)>"));
}

#[test]
fn a_forged_tree_is_refused_whole() {
    let forged = [
        json!({"step": "x", "title": "x", "body": [["script", {}, "alert(1)"]]}),
        json!({"step": "x", "title": "x", "body": [["p", {"onclick": "alert(1)"}, "hi"]]}),
        json!({"step": "x", "title": "x", "body": [["a", {"href": "javascript:alert(1)"}, "hi"]]}),
        json!({"step": "x", "title": "x", "body": [["a", {"href": "data:text/html,x"}, "hi"]]}),
        json!({"step": "x", "title": "x", "body": [["a", {"href": "/relative"}, "hi"]]}),
        json!({"step": "x", "title": "x", "body": [["a", {"href": "https://x.test/\tjavascript:"}, "hi"]]}),
        json!({"step": "x", "title": "x", "body": [["p", {"data-": "x"}, "hi"]]}),
        json!({"step": "x", "title": "x", "body": [["p", {"data-X": "x"}, "hi"]]}),
        json!({"step": "x", "title": "x", "body": [["p", {"style": "x"}, "hi"]]}),
        json!({"step": "x", "title": "x", "body": [["p", {"id": 3}, "hi"]]}),
        json!({"step": "x", "title": "x", "body": [["p", {}, 3]]}),
        json!({"step": "x", "title": "x", "body": [["p"]]}),
        json!({"step": "x", "body": []}),
    ];
    for value in forged {
        assert_eq!(Screen::from_json(&value), None, "{value}");
    }
}

#[test]
fn builders_leave_out_what_the_page_would_refuse() {
    let link = Node::element(Tag::A)
        .attr("href", "javascript:alert(1)")
        .attr("onclick", "x");
    assert_eq!(link.attribute("href"), None);
    assert_eq!(link.attribute("onclick"), None);
    assert!(safe_href("https://entra.microsoft.com/#view/x"));
    assert!(safe_href("blob:http://app.localhost:8400/6a1c"));
    assert!(!safe_href("JavaScript:alert(1)"));
    assert!(!safe_href("http://entra.microsoft.com/"));
    // Plain http only to this machine (the sandbox tenant's sign-in page).
    assert!(safe_href(
        "http://login.localhost:8401/t/oauth2/v2.0/authorize?x=1"
    ));
    assert!(safe_href("http://127.0.0.1:8401/a"));
    assert!(safe_href("http://[::1]:8401/a"));
    assert!(!safe_href("http://localhost.example.com/a"));
    assert!(!safe_href("http://evil.example@localhost/a"));
    assert!(!safe_href("http://[::1].example.com/a"));
    assert!(!safe_href("http://10.0.0.1/a"));
}

#[test]
fn without_secrets_drops_the_marked_parts_and_keeps_the_rest() {
    let shown = sample().without_secrets();
    let words = shown.words();
    assert!(!words.contains("s3cret"), "{words}");
    assert!(words.contains("Run it again"), "{words}");
    assert!(shown.find("again").is_some());
}
