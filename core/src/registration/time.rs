//! Dates as Graph writes them (`2026-11-22T00:44:23Z`) and the ISO 8601 durations of an app
//! management policy (`P30D`, `PT12H`), without a date crate: the engine only needs UTC.

/// Milliseconds since the Unix epoch as Graph's `dateTimeOffset`, to the second, in UTC.
pub fn iso_from_millis(millis: u64) -> String {
    let secs = millis / 1000;
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// An ISO 8601 duration (`P30D`, `P1Y`, `P2W`, `PT12H`, `P1DT12H`) in seconds. Years count
/// 365 days and months 30, the shortest reading, so a limit is never overstepped.
pub fn iso_duration_seconds(text: &str) -> Option<u64> {
    let rest = text.trim().strip_prefix('P')?;
    let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
    let mut total: u64 = 0;
    let mut any = false;
    for (part, units) in [
        (
            date,
            &[
                ('Y', 365 * 86_400),
                ('M', 30 * 86_400),
                ('W', 7 * 86_400),
                ('D', 86_400),
            ][..],
        ),
        (time, &[('H', 3600), ('M', 60), ('S', 1)][..]),
    ] {
        let mut number = String::new();
        let mut next_unit = 0;
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                number.push(c);
                continue;
            }
            let at = units[next_unit..].iter().position(|(u, _)| *u == c)? + next_unit;
            let value: f64 = number.parse().ok()?;
            total = total.saturating_add((value * units[at].1 as f64) as u64);
            number.clear();
            next_unit = at + 1;
            any = true;
        }
        if !number.is_empty() {
            return None;
        }
    }
    any.then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_graph_does() {
        assert_eq!(iso_from_millis(0), "1970-01-01T00:00:00Z");
        // 1994-11-06T08:49:37Z is 784111777 s after the epoch.
        assert_eq!(iso_from_millis(784_111_777_999), "1994-11-06T08:49:37Z");
        assert_eq!(iso_from_millis(1_709_208_000_000), "2024-02-29T12:00:00Z");
    }

    #[test]
    fn policy_durations_are_read_in_seconds() {
        assert_eq!(iso_duration_seconds("P30D"), Some(30 * 86_400));
        assert_eq!(iso_duration_seconds("PT12H"), Some(12 * 3600));
        assert_eq!(iso_duration_seconds("P1DT12H"), Some(86_400 + 12 * 3600));
        assert_eq!(iso_duration_seconds("P1Y"), Some(365 * 86_400));
        assert_eq!(iso_duration_seconds("PT90S"), Some(90));
        assert_eq!(iso_duration_seconds("P"), None);
        assert_eq!(iso_duration_seconds("30 days"), None);
        assert_eq!(iso_duration_seconds("P30"), None);
    }
}
