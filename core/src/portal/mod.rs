//! The Entra admin center, for admins who look or do it by hand: links to what was created, in
//! the right cloud, and the plan as portal instructions and a manifest to paste.
