//! Faults on demand: the plan (parsed from the CLI syntax) and the engine that applies it.
//!
//! Syntax: items separated by `;` (whitespace around items is ignored).
//!
//! | item | meaning |
//! |---|---|
//! | `STATUS@TARGET[#WHICH]` | answer `STATUS` (429, 503 or 504) instead of the real response |
//! | `429(retry-after=5)@…` / `429(no-retry-after)@…` | choose the `Retry-After` header for that fault |
//! | `drop@TARGET[#WHICH]` | close the connection without any response |
//! | `latency=200ms` | delay every call; `latency=1s@TARGET` delays matching calls only |
//! | `replication=5s` | new objects answer 404 / 400 `Not a valid reference update.` / `NoBackingApplicationObject`, and are missing from lists, for that long |
//! | `page-size=2` | items per page of every Graph list without `$top` (default: `TenantOptions::page_size`) |
//! | `secret-propagation=10s` | a new secret is refused by the token endpoint for that long |
//! | `secrets=allowed` / `secrets=forbidden` / `secrets=max:30d` | the default app management policy |
//! | `certificates=max:365d` / `certificates=allowed` | the policy's `asymmetricKeyLifetime` restriction on certificates |
//! | `retry-after=2` | default `Retry-After` seconds for 429/503 (default 1) |
//! | `seed=7` | seed of the random faults |
//! | `random-429=0.1`, `random-503=…`, `random-504=…`, `random-drop=…` | fault each call with that probability |
//!
//! `TARGET` is `METHOD PATH`: METHOD is an HTTP method or `*`; PATH is matched against the path of
//! the request (Graph paths without `/v1.0`, e.g. `/applications`, `/servicePrincipals/*/appRoleAssignments`;
//! sign-in paths as they are, e.g. `/*/oauth2/v2.0/token`); `*` matches any run of characters, and the
//! path matches exactly otherwise (so `/applications` is not `/applications/{id}`).
//! `WHICH` is `#N` (the Nth matching call, 1-based; the default is `#1`), `#N-M`, `#N+` (from the Nth on)
//! or `#*` (every matching call). CORS preflights (OPTIONS) are never faulted.

use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

#[derive(Debug, Clone, PartialEq)]
pub enum RetryAfter {
    /// The plan's `retry-after` (default 1 s).
    Default,
    Seconds(u64),
    Omit,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FaultKind {
    Status {
        status: u16,
        retry_after: RetryAfter,
    },
    Drop,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// None for `*`.
    pub method: Option<String>,
    pub path: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Which {
    Range(u64, u64),
    From(u64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FaultRule {
    pub kind: FaultKind,
    pub target: Target,
    pub which: Which,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LatencyRule {
    pub delay: Duration,
    pub target: Option<Target>,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum SecretPolicy {
    #[default]
    Allowed,
    Forbidden,
    MaxLifetime(Duration),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FaultPlan {
    pub rules: Vec<FaultRule>,
    pub latency: Vec<LatencyRule>,
    pub replication: Duration,
    pub secret_propagation: Duration,
    pub secrets: SecretPolicy,
    /// `certificates=max:365d`: the longest certificate (keyCredential) lifetime the default app
    /// management policy allows (`asymmetricKeyLifetime`); None when unrestricted.
    pub certificates: Option<Duration>,
    pub retry_after_secs: Option<u64>,
    pub seed: u64,
    pub random: Vec<(FaultKind, f64)>,
    /// `page-size=N`: overrides `TenantOptions::page_size`.
    pub page_size: Option<usize>,
}

impl FaultPlan {
    pub fn parse(spec: &str) -> Result<FaultPlan, String> {
        let mut plan = FaultPlan::default();
        for item in spec.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            parse_item(&mut plan, item).map_err(|e| format!("fault plan item `{item}`: {e}"))?;
        }
        Ok(plan)
    }

    pub fn default_retry_after(&self) -> u64 {
        self.retry_after_secs.unwrap_or(1)
    }
}

fn parse_item(plan: &mut FaultPlan, item: &str) -> Result<(), String> {
    if let Some((key, value)) = item.split_once('=')
        && !key.contains('@')
        && !key.contains('(')
    {
        let key = key.trim();
        let value = value.trim();
        match key {
            "latency" => {
                let (delay, target) = match value.split_once('@') {
                    Some((d, t)) => (d, Some(parse_target(t)?.0)),
                    None => (value, None),
                };
                plan.latency.push(LatencyRule {
                    delay: parse_duration(delay)?,
                    target,
                });
            }
            "replication" => plan.replication = parse_duration(value)?,
            "secret-propagation" => plan.secret_propagation = parse_duration(value)?,
            "retry-after" => plan.retry_after_secs = Some(parse_u64(value)?),
            "seed" => plan.seed = parse_u64(value)?,
            "page-size" => match parse_u64(value)? {
                // Graph's largest page of directory objects is 999 (https://learn.microsoft.com/graph/paging).
                n @ 1..=999 => plan.page_size = Some(n as usize),
                _ => return Err(format!("page size `{value}` is not between 1 and 999")),
            },
            "secrets" => {
                plan.secrets = match value {
                    "allowed" => SecretPolicy::Allowed,
                    "forbidden" => SecretPolicy::Forbidden,
                    v => match v.strip_prefix("max:") {
                        Some(d) => SecretPolicy::MaxLifetime(parse_duration(d)?),
                        None => {
                            return Err(format!("`{v}` is not allowed, forbidden or max:DURATION"));
                        }
                    },
                }
            }
            "certificates" => {
                plan.certificates = match value {
                    "allowed" => None,
                    v => match v.strip_prefix("max:") {
                        Some(d) => Some(parse_duration(d)?),
                        None => return Err(format!("`{v}` is not allowed or max:DURATION")),
                    },
                }
            }
            k => match k.strip_prefix("random-") {
                Some(kind) => {
                    let kind = parse_kind(kind)?;
                    let p: f64 = value
                        .parse()
                        .map_err(|_| format!("`{value}` is not a probability"))?;
                    if !(0.0..=1.0).contains(&p) {
                        return Err(format!("probability `{value}` is not between 0 and 1"));
                    }
                    plan.random.push((kind, p));
                }
                None => return Err(format!("unknown setting `{k}`")),
            },
        }
        return Ok(());
    }
    let (kind, rest) = item
        .split_once('@')
        .ok_or("expected `FAULT@METHOD PATH` or `key=value`")?;
    let kind = parse_kind(kind.trim())?;
    let (target, which) = parse_target(rest)?;
    plan.rules.push(FaultRule {
        kind,
        target,
        which,
    });
    Ok(())
}

fn parse_kind(s: &str) -> Result<FaultKind, String> {
    if s == "drop" {
        return Ok(FaultKind::Drop);
    }
    let (code, opts) = match s.split_once('(') {
        Some((c, o)) => (
            c,
            Some(
                o.strip_suffix(')')
                    .ok_or_else(|| format!("missing `)` in `{s}`"))?,
            ),
        ),
        None => (s, None),
    };
    let status: u16 = code
        .parse()
        .map_err(|_| format!("unknown fault `{code}` (429, 503, 504 or drop)"))?;
    if ![429, 503, 504].contains(&status) {
        return Err(format!("unsupported status `{status}` (429, 503 or 504)"));
    }
    let retry_after = match opts {
        None => RetryAfter::Default,
        Some("no-retry-after") => RetryAfter::Omit,
        Some(o) => match o.strip_prefix("retry-after=") {
            Some(n) => RetryAfter::Seconds(parse_u64(n)?),
            None => {
                return Err(format!(
                    "unknown option `{o}` (retry-after=N or no-retry-after)"
                ));
            }
        },
    };
    Ok(FaultKind::Status {
        status,
        retry_after,
    })
}

fn parse_target(s: &str) -> Result<(Target, Which), String> {
    let s = s.trim();
    let (target, which) = match s.rsplit_once('#') {
        Some((t, w)) => (t.trim(), parse_which(w.trim())?),
        None => (s, Which::Range(1, 1)),
    };
    let (method, path) = target
        .split_once(' ')
        .ok_or_else(|| format!("target `{target}` is not `METHOD PATH`"))?;
    let method = method.trim();
    let path = path.trim();
    if !path.starts_with('/') && path != "*" {
        return Err(format!("path `{path}` must start with `/`"));
    }
    let method = match method {
        "*" => None,
        m if m.chars().all(|c| c.is_ascii_alphabetic()) && !m.is_empty() => {
            Some(m.to_ascii_uppercase())
        }
        m => return Err(format!("`{m}` is not an HTTP method or `*`")),
    };
    Ok((
        Target {
            method,
            path: path.to_string(),
        },
        which,
    ))
}

fn parse_which(w: &str) -> Result<Which, String> {
    if w == "*" {
        return Ok(Which::From(1));
    }
    if let Some(n) = w.strip_suffix('+') {
        return Ok(Which::From(parse_nth(n)?));
    }
    if let Some((a, b)) = w.split_once('-') {
        let (a, b) = (parse_nth(a)?, parse_nth(b)?);
        if b < a {
            return Err(format!("empty range `#{w}`"));
        }
        return Ok(Which::Range(a, b));
    }
    let n = parse_nth(w)?;
    Ok(Which::Range(n, n))
}

fn parse_nth(s: &str) -> Result<u64, String> {
    match s.parse::<u64>() {
        Ok(0) | Err(_) => Err(format!("`#{s}` is not a call number (1, 2, …)")),
        Ok(n) => Ok(n),
    }
}

fn parse_u64(s: &str) -> Result<u64, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a whole number"))
}

/// `250ms`, `5s`, `2m`, `1h`, `30d`.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(|| format!("`{s}` has no unit (ms, s, m, h, d)"))?;
    let (n, unit) = s.split_at(split);
    let n: u64 = n.parse().map_err(|_| format!("`{s}` is not a duration"))?;
    let secs = match unit {
        "ms" => return Ok(Duration::from_millis(n)),
        "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        u => return Err(format!("unknown unit `{u}` in `{s}` (ms, s, m, h, d)")),
    };
    Ok(Duration::from_secs(secs))
}

fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && p[pi] != '*' && p[pi].eq_ignore_ascii_case(&t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

impl Target {
    pub fn matches(&self, method: &str, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && glob(&self.path, path)
    }
}

/// What to do with one call.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decision {
    pub latency: Duration,
    pub fault: Option<FaultKind>,
}

/// The plan's mutable side: call counters and the seeded random generator.
#[derive(Debug)]
pub struct FaultEngine {
    counts: Vec<u64>,
    rng: StdRng,
}

impl FaultEngine {
    pub fn new(plan: &FaultPlan) -> Self {
        Self {
            counts: vec![0; plan.rules.len()],
            rng: StdRng::seed_from_u64(plan.seed),
        }
    }

    pub fn decide(&mut self, plan: &FaultPlan, method: &str, path: &str) -> Decision {
        let mut d = Decision::default();
        if method.eq_ignore_ascii_case("OPTIONS") {
            return d;
        }
        for l in &plan.latency {
            if l.target.as_ref().is_none_or(|t| t.matches(method, path)) {
                d.latency += l.delay;
            }
        }
        for (i, rule) in plan.rules.iter().enumerate() {
            if !rule.target.matches(method, path) {
                continue;
            }
            self.counts[i] += 1;
            let n = self.counts[i];
            let hit = match rule.which {
                Which::Range(a, b) => (a..=b).contains(&n),
                Which::From(a) => n >= a,
            };
            if hit && d.fault.is_none() {
                d.fault = Some(rule.kind.clone());
            }
        }
        for (kind, p) in &plan.random {
            let roll: f64 = self.rng.r#gen();
            if roll < *p && d.fault.is_none() {
                d.fault = Some(kind.clone());
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_example() {
        let p = FaultPlan::parse("429@POST /applications#1;latency=200ms;replication=5s;secrets=forbidden;seed=7;random-429=0.1")
            .unwrap();
        assert_eq!(p.rules.len(), 1);
        assert_eq!(p.rules[0].which, Which::Range(1, 1));
        assert_eq!(p.rules[0].target.method.as_deref(), Some("POST"));
        assert_eq!(p.latency[0].delay, Duration::from_millis(200));
        assert_eq!(p.replication, Duration::from_secs(5));
        assert_eq!(p.secrets, SecretPolicy::Forbidden);
        assert_eq!(p.seed, 7);
        assert_eq!(p.random.len(), 1);
    }

    #[test]
    fn errors_name_the_bad_part() {
        let e = FaultPlan::parse("latency=200ms;418@GET /me").unwrap_err();
        assert!(e.contains("418@GET /me") && e.contains("418"), "{e}");
        let e = FaultPlan::parse("replication=5parsecs").unwrap_err();
        assert!(e.contains("parsecs"), "{e}");
        let e = FaultPlan::parse("429@GET /me#0").unwrap_err();
        assert!(e.contains("#0"), "{e}");
        let e = FaultPlan::parse("random-429=2").unwrap_err();
        assert!(e.contains("between 0 and 1"), "{e}");
        let e = FaultPlan::parse("bogus=1").unwrap_err();
        assert!(e.contains("bogus"), "{e}");
        let e = FaultPlan::parse("429@/me").unwrap_err();
        assert!(e.contains("METHOD PATH"), "{e}");
        let e = FaultPlan::parse("page-size=0").unwrap_err();
        assert!(e.contains("between 1 and 999"), "{e}");
        assert_eq!(FaultPlan::parse("page-size=2").unwrap().page_size, Some(2));
        let e = FaultPlan::parse("secrets=sometimes").unwrap_err();
        assert!(e.contains("sometimes"), "{e}");
    }

    #[test]
    fn counts_matching_calls_only() {
        let plan =
            FaultPlan::parse("503@GET /servicePrincipals#2-3;drop@POST /applications#2+").unwrap();
        let mut e = FaultEngine::new(&plan);
        let f = |e: &mut FaultEngine, m: &str, p: &str| e.decide(&plan, m, p).fault;
        assert_eq!(f(&mut e, "GET", "/servicePrincipals"), None);
        assert_eq!(f(&mut e, "GET", "/me"), None);
        assert!(matches!(
            f(&mut e, "GET", "/servicePrincipals"),
            Some(FaultKind::Status { status: 503, .. })
        ));
        assert!(matches!(
            f(&mut e, "GET", "/servicePrincipals"),
            Some(FaultKind::Status { status: 503, .. })
        ));
        assert_eq!(f(&mut e, "GET", "/servicePrincipals"), None);
        assert_eq!(f(&mut e, "POST", "/applications"), None);
        assert_eq!(
            f(&mut e, "POST", "/applications/x"),
            None,
            "exact path, not a prefix"
        );
        assert_eq!(f(&mut e, "POST", "/applications"), Some(FaultKind::Drop));
        assert_eq!(f(&mut e, "POST", "/applications"), Some(FaultKind::Drop));
        assert_eq!(f(&mut e, "OPTIONS", "/applications"), None);
    }

    #[test]
    fn retry_after_options_and_globs() {
        let plan = FaultPlan::parse("429(no-retry-after)@* /servicePrincipals/*/appRoleAssignments#*; 429(retry-after=7)@GET /me").unwrap();
        assert_eq!(
            plan.rules[0].kind,
            FaultKind::Status {
                status: 429,
                retry_after: RetryAfter::Omit
            }
        );
        assert_eq!(
            plan.rules[1].kind,
            FaultKind::Status {
                status: 429,
                retry_after: RetryAfter::Seconds(7)
            }
        );
        assert!(
            plan.rules[0]
                .target
                .matches("POST", "/servicePrincipals/abc/appRoleAssignments")
        );
        assert!(
            !plan.rules[0]
                .target
                .matches("POST", "/servicePrincipals/abc")
        );
    }

    #[test]
    fn random_faults_are_reproducible_with_a_seed() {
        let plan = FaultPlan::parse("seed=42;random-503=0.5").unwrap();
        let run = || {
            let mut e = FaultEngine::new(&plan);
            (0..64)
                .map(|_| e.decide(&plan, "GET", "/me").fault.is_some())
                .collect::<Vec<_>>()
        };
        let a = run();
        assert_eq!(a, run());
        let hits = a.iter().filter(|h| **h).count();
        assert!((10..54).contains(&hits), "{hits} of 64");
    }
}
