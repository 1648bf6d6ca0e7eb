//! A screen as data: a small tree of elements and text that the core builds and the page turns
//! into DOM.
//!
//! Why not Leptos views for every step: the steps after sign-in are built in the registration
//! worker, a module downloaded only when the admin clicks, and a view cannot cross a worker's
//! `postMessage`; data can. Each Leptos view on the first screen also costs its own code (about
//! 0.3 to 1 KB gzip each, measured, README "Download size"), while this tree costs one small
//! renderer however many steps there are.
//!
//! Safety by construction: tags and attributes are closed enums, text is always a text node
//! (never markup), and a link's address must be `https:` or `blob:`. The page checks all of
//! that again when it reads the JSON (`Node::from_json`), so a forged message cannot smuggle
//! markup or script in.

use crate::wizard::words::{END_ISOLATE, ISOLATE};
use serde_json::{Map, Value};

/// The elements a screen may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Section,
    Div,
    H2,
    H3,
    P,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Code,
    Pre,
    Strong,
    /// Text from the tenant: isolated, so a right-to-left override inside it cannot reorder
    /// the words after it (HTML `bdi`, https://html.spec.whatwg.org/multipage/text-level-semantics.html#the-bdi-element).
    Bdi,
    Span,
    Button,
    A,
    Input,
    Label,
    Details,
    Summary,
    Progress,
}

const TAGS: [(Tag, &str); 23] = [
    (Tag::Section, "section"),
    (Tag::Div, "div"),
    (Tag::H2, "h2"),
    (Tag::H3, "h3"),
    (Tag::P, "p"),
    (Tag::Ul, "ul"),
    (Tag::Ol, "ol"),
    (Tag::Li, "li"),
    (Tag::Dl, "dl"),
    (Tag::Dt, "dt"),
    (Tag::Dd, "dd"),
    (Tag::Code, "code"),
    (Tag::Pre, "pre"),
    (Tag::Strong, "strong"),
    (Tag::Bdi, "bdi"),
    (Tag::Span, "span"),
    (Tag::Button, "button"),
    (Tag::A, "a"),
    (Tag::Input, "input"),
    (Tag::Label, "label"),
    (Tag::Details, "details"),
    (Tag::Summary, "summary"),
    (Tag::Progress, "progress"),
];

impl Tag {
    pub fn name(self) -> &'static str {
        TAGS.iter()
            .find(|(tag, _)| *tag == self)
            .map_or("div", |(_, name)| name)
    }

    pub fn from_name(name: &str) -> Option<Tag> {
        TAGS.iter().find(|(_, n)| *n == name).map(|(tag, _)| *tag)
    }
}

/// An attribute a screen may set. `data-*` and `aria-*` attributes are allowed by prefix.
fn allowed_attribute(name: &str) -> bool {
    const NAMES: [&str; 16] = [
        "id", "class", "role", "href", "download", "type", "for", "value", "readonly", "max",
        "tabindex", "title", "dir", "open", "rel", "target",
    ];
    NAMES.contains(&name)
        || ((name.starts_with("data-") || name.starts_with("aria-"))
            && name.len() > 5
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
}

/// Whether a link may point there: the Entra admin center or the sign-in page (`https:`, or
/// `http:` on this machine only, as `endpoints` allows for the sandbox tenant), or a file this
/// page made (`blob:`). Never `javascript:`, `data:` or a relative address.
pub fn safe_href(href: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    (lower.starts_with("https://")
        || lower.starts_with("blob:")
        || crate::config::host::is_loopback_http(&lower))
        && !href.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// One node of a screen: text, or an element with attributes and children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Text(String),
    Element {
        tag: Tag,
        attributes: Vec<(String, String)>,
        children: Vec<Node>,
    },
}

/// A screen: the step it shows (the section's id and `data-step`), its title (also the
/// document's title, and the heading that takes focus) and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    pub step: String,
    pub title: String,
    pub body: Vec<Node>,
}

impl Node {
    pub fn text(text: impl Into<String>) -> Node {
        Node::Text(text.into())
    }

    pub fn element(tag: Tag) -> Node {
        Node::Element {
            tag,
            attributes: Vec::new(),
            children: Vec::new(),
        }
    }

    /// Sets an attribute. One that is not allowed, or a link that is not safe, is left out
    /// (a bug of ours, caught by the tests of each screen).
    pub fn attr(mut self, name: &str, value: impl Into<String>) -> Node {
        let value = value.into();
        if let Node::Element { attributes, .. } = &mut self
            && allowed_attribute(name)
            && (name != "href" || safe_href(&value))
        {
            // Kept in name order, as JSON objects are read back, so a screen compares equal
            // to itself after the trip.
            let at = attributes.partition_point(|(n, _)| n.as_str() < name);
            attributes.insert(at, (name.to_owned(), value));
        }
        self
    }

    pub fn id(self, id: &str) -> Node {
        self.attr("id", id)
    }

    pub fn class(self, class: &str) -> Node {
        self.attr("class", class)
    }

    pub fn child(mut self, child: Node) -> Node {
        if let Node::Element { children, .. } = &mut self {
            children.push(child);
        }
        self
    }

    pub fn children(mut self, more: impl IntoIterator<Item = Node>) -> Node {
        if let Node::Element { children, .. } = &mut self {
            children.extend(more);
        }
        self
    }

    /// Appends text; a name the words isolated (`words::isolated`) becomes a `bdi` of text,
    /// so a right-to-left override in it cannot reorder the words after it.
    pub fn say(self, text: impl Into<String>) -> Node {
        let text: String = text.into();
        if !text.contains(ISOLATE) {
            return self.child(Node::Text(text));
        }
        let mut out = self;
        for (n, part) in text.split([ISOLATE, END_ISOLATE]).enumerate() {
            out = match (n % 2, part.is_empty()) {
                (_, true) => out,
                (0, false) => out.child(Node::Text(part.to_owned())),
                _ => out.child(Node::element(Tag::Bdi).child(Node::Text(part.to_owned()))),
            };
        }
        out
    }

    /// The value of an attribute, if set.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        match self {
            Node::Element { attributes, .. } => attributes
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str()),
            Node::Text(_) => None,
        }
    }

    /// Every text inside, in order, joined: what a reader hears.
    pub fn words(&self) -> String {
        let mut out = String::new();
        self.collect_words(&mut out);
        out
    }

    fn collect_words(&self, out: &mut String) {
        match self {
            Node::Text(text) => out.push_str(text),
            Node::Element { children, .. } => children.iter().for_each(|c| c.collect_words(out)),
        }
    }

    /// The element with this id, searching the whole tree.
    pub fn find(&self, id: &str) -> Option<&Node> {
        if self.attribute("id") == Some(id) {
            return Some(self);
        }
        match self {
            Node::Element { children, .. } => children.iter().find_map(|c| c.find(id)),
            Node::Text(_) => None,
        }
    }

    /// JSON: a text is a string; an element is `[tag, {attributes}, children…]`.
    pub fn to_json(&self) -> Value {
        match self {
            Node::Text(text) => Value::String(text.clone()),
            Node::Element {
                tag,
                attributes,
                children,
            } => {
                let attributes: Map<String, Value> = attributes
                    .iter()
                    .map(|(n, v)| (n.clone(), Value::String(v.clone())))
                    .collect();
                let mut out = vec![Value::String(tag.name().into()), Value::Object(attributes)];
                out.extend(children.iter().map(Node::to_json));
                Value::Array(out)
            }
        }
    }

    /// Reads what [`Node::to_json`] wrote, checking tags, attributes and links again.
    /// `None` for anything else, so a forged tree is refused whole.
    pub fn from_json(value: &Value) -> Option<Node> {
        if let Some(text) = value.as_str() {
            return Some(Node::Text(text.to_owned()));
        }
        let items = value.as_array()?;
        let tag = Tag::from_name(items.first()?.as_str()?)?;
        let mut attributes = Vec::new();
        for (name, value) in items.get(1)?.as_object()? {
            let value = value.as_str()?;
            if !allowed_attribute(name) || (name == "href" && !safe_href(value)) {
                return None;
            }
            attributes.push((name.clone(), value.to_owned()));
        }
        let children = items[2..]
            .iter()
            .map(Node::from_json)
            .collect::<Option<Vec<_>>>()?;
        Some(Node::Element {
            tag,
            attributes,
            children,
        })
    }
}

impl Screen {
    pub fn new(step: &str, title: impl Into<String>) -> Screen {
        Screen {
            step: step.to_owned(),
            title: title.into(),
            body: Vec::new(),
        }
    }

    pub fn push(&mut self, node: Node) {
        self.body.push(node);
    }

    pub fn with(mut self, node: Node) -> Screen {
        self.body.push(node);
        self
    }

    /// The element with this id.
    pub fn find(&self, id: &str) -> Option<&Node> {
        self.body.iter().find_map(|n| n.find(id))
    }

    /// All the screen's words.
    pub fn words(&self) -> String {
        let mut out = self.title.clone();
        for node in &self.body {
            out.push('\n');
            out.push_str(&node.words());
        }
        out
    }

    /// The screen with every part marked `data-secret` left out: after the hand-off, or when
    /// the admin leaves, the page shows the result without the secret.
    pub fn without_secrets(&self) -> Screen {
        self.keeping(&|node| node.attribute("data-secret").is_none())
    }

    /// The screen with only the nodes `keep` accepts (and what they hold).
    fn keeping(&self, keep: &dyn Fn(&Node) -> bool) -> Screen {
        fn strip(nodes: &[Node], keep: &dyn Fn(&Node) -> bool) -> Vec<Node> {
            nodes
                .iter()
                .filter(|n| keep(n))
                .map(|n| match n {
                    Node::Element {
                        tag,
                        attributes,
                        children,
                    } => Node::Element {
                        tag: *tag,
                        attributes: attributes.clone(),
                        children: strip(children, keep),
                    },
                    text => text.clone(),
                })
                .collect()
        }
        Screen {
            step: self.step.clone(),
            title: self.title.clone(),
            body: strip(&self.body, keep),
        }
    }

    pub fn to_json(&self) -> Value {
        let mut object = Map::new();
        object.insert("step".into(), Value::String(self.step.clone()));
        object.insert("title".into(), Value::String(self.title.clone()));
        object.insert(
            "body".into(),
            Value::Array(self.body.iter().map(Node::to_json).collect()),
        );
        Value::Object(object)
    }

    pub fn from_json(value: &Value) -> Option<Screen> {
        let object = value.as_object()?;
        Some(Screen {
            step: object.get("step")?.as_str()?.to_owned(),
            title: object.get("title")?.as_str()?.to_owned(),
            body: object
                .get("body")?
                .as_array()?
                .iter()
                .map(Node::from_json)
                .collect::<Option<Vec<_>>>()?,
        })
    }
}

// The worker writes reports with serde; the page reads them by hand (`Screen::from_json`).
impl serde::Serialize for Screen {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&self.to_json(), serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Screen {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = <Value as serde::Deserialize>::deserialize(deserializer)?;
        Screen::from_json(&value).ok_or_else(|| serde::de::Error::custom("not a screen"))
    }
}

/// Small builders the screens share.
pub mod parts {
    use super::{Node, Tag};
    use crate::wizard::Words;

    pub fn p(text: impl Into<String>) -> Node {
        Node::element(Tag::P).say(text)
    }

    pub fn muted(text: impl Into<String>) -> Node {
        p(text).class("muted")
    }

    /// A section's heading (the screen's title is the page's `h1`).
    pub fn h2(text: impl Into<String>) -> Node {
        Node::element(Tag::H2).say(text)
    }

    /// A heading inside a section.
    pub fn h3(text: impl Into<String>) -> Node {
        Node::element(Tag::H3).say(text)
    }

    /// A name or value from the tenant: inert text, isolated from the words around it.
    pub fn name(text: impl Into<String>) -> Node {
        Node::element(Tag::Bdi).say(text)
    }

    pub fn code(text: impl Into<String>) -> Node {
        Node::element(Tag::Code).say(text)
    }

    pub fn list(items: impl IntoIterator<Item = Node>) -> Node {
        Node::element(Tag::Ul).children(
            items
                .into_iter()
                .map(|item| Node::element(Tag::Li).child(item)),
        )
    }

    pub fn text_list(items: impl IntoIterator<Item = String>) -> Node {
        Node::element(Tag::Ul).children(items.into_iter().map(|i| Node::element(Tag::Li).say(i)))
    }

    /// Label and value rows.
    pub fn facts(rows: impl IntoIterator<Item = (String, Node)>) -> Node {
        let mut dl = Node::element(Tag::Dl).class("facts");
        for (label, value) in rows {
            dl = dl
                .child(Node::element(Tag::Dt).say(label))
                .child(Node::element(Tag::Dd).child(value));
        }
        dl
    }

    /// A labelled text field whose value the page sends with the next action (`data-field`),
    /// with a hint read out with it when there is one.
    pub fn field(id: &str, label: &str, hint: Option<&str>) -> Node {
        let mut input = Node::element(Tag::Input)
            .id(id)
            .attr("data-field", id)
            .attr("type", "text");
        let mut row = Node::element(Tag::P).child(
            Node::element(Tag::Label)
                .attr("for", id)
                .say([label, " "].concat()),
        );
        if let Some(hint) = hint {
            let hint_id = [id, "-hint"].concat();
            input = input.attr("aria-describedby", hint_id.as_str());
            row = row.child(input).child(
                Node::element(Tag::Span)
                    .id(&hint_id)
                    .class("muted")
                    .say([" ", hint].concat()),
            );
            return row;
        }
        row.child(input)
    }

    /// A button the page answers: `data-action` names what it does.
    pub fn button(id: &str, action: &str, label: impl Into<String>) -> Node {
        Node::element(Tag::Button)
            .id(id)
            .attr("type", "button")
            .attr("data-action", action)
            .say(label)
    }

    pub fn secondary(id: &str, action: &str, label: impl Into<String>) -> Node {
        button(id, action, label).class("secondary")
    }

    /// A row of buttons.
    pub fn actions(buttons: impl IntoIterator<Item = Node>) -> Node {
        Node::element(Tag::Div).class("actions").children(buttons)
    }

    /// A failure, said as one (an alert for screen readers).
    pub fn alert(id: &str, message: impl Into<String>) -> Node {
        Node::element(Tag::Div)
            .id(id)
            .class("error")
            .attr("role", "alert")
            .child(p(message).class("message"))
    }

    /// A link that opens elsewhere (the Entra admin center).
    pub fn link(id: &str, href: &str, text: impl Into<String>) -> Node {
        Node::element(Tag::A)
            .id(id)
            .attr("href", href)
            .attr("rel", "noopener noreferrer")
            .attr("target", "_blank")
            .say(text)
    }

    /// A copy button for the element `of` (read by the page's copy handler), in the admin's
    /// language: `what` names what it copies ("the tenant id").
    pub fn copy(words: &Words, id: &str, of: &str, what: &str) -> Node {
        Node::element(Tag::Button)
            .id(id)
            .attr("type", "button")
            .class("secondary copy")
            .attr("data-copy-of", of)
            .attr("aria-label", words.common.copy_what(what))
            .attr("aria-live", "polite")
            .say(words.common.copy)
    }
}

#[cfg(test)]
mod tests;
