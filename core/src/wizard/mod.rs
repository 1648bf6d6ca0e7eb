//! The wizard: which step the admin is on, and what each step shows, as data the page renders.
