//! Numbers as a reader takes them in.

/// A count as a reader takes it in at a glance: digits grouped by thousands ("1,658,312").
pub fn group_digits(n: impl TryInto<u64>) -> String {
    let digits = n.try_into().unwrap_or(u64::MAX).to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_group_digits_by_thousands() {
        assert_eq!(group_digits(0usize), "0");
        assert_eq!(group_digits(999usize), "999");
        assert_eq!(group_digits(7000usize), "7,000");
        assert_eq!(group_digits(1_658_312u64), "1,658,312");
        assert_eq!(group_digits(100_000usize), "100,000");
    }
}
