//! The Meaning column of a responses table: the reason phrase of a status, linked to the RFC
//! section that defines it (RFC 7231 for most; the few it leaves to other RFCs link there).

use crate::model::Status;

const RFC7231: &str = "https://tools.ietf.org/html/rfc7231#section-";

/// Status code and the section that defines it (a full URL when not in RFC 7231).
const SECTIONS: &[(u16, &str)] = &[
    (100, "6.2.1"),
    (101, "6.2.2"),
    (200, "6.3.1"),
    (201, "6.3.2"),
    (202, "6.3.3"),
    (203, "6.3.4"),
    (204, "6.3.5"),
    (205, "6.3.6"),
    (206, "https://tools.ietf.org/html/rfc7233#section-4.1"),
    (300, "6.4.1"),
    (301, "6.4.2"),
    (302, "6.4.3"),
    (303, "6.4.4"),
    (304, "https://tools.ietf.org/html/rfc7232#section-4.1"),
    (305, "6.4.5"),
    (307, "6.4.7"),
    (308, "https://tools.ietf.org/html/rfc7538"),
    (400, "6.5.1"),
    (401, "https://tools.ietf.org/html/rfc7235#section-3.1"),
    (402, "6.5.2"),
    (403, "6.5.3"),
    (404, "6.5.4"),
    (405, "6.5.5"),
    (406, "6.5.6"),
    (407, "https://tools.ietf.org/html/rfc7235#section-3.2"),
    (408, "6.5.7"),
    (409, "6.5.8"),
    (410, "6.5.9"),
    (411, "6.5.10"),
    (412, "https://tools.ietf.org/html/rfc7232#section-4.2"),
    (413, "6.5.11"),
    (414, "6.5.12"),
    (415, "6.5.13"),
    (416, "https://tools.ietf.org/html/rfc7233#section-4.4"),
    (417, "6.5.14"),
    (422, "https://tools.ietf.org/html/rfc2518#section-10.3"),
    (426, "6.5.15"),
    (429, "https://tools.ietf.org/html/rfc6585#section-4"),
    (500, "6.6.1"),
    (501, "6.6.2"),
    (502, "6.6.3"),
    (503, "6.6.4"),
    (504, "6.6.5"),
    (505, "6.6.6"),
];

/// Status classes (`2XX`), each a section of RFC 7231 (section 6.2 for `1XX`, and so on).
const CLASSES: &[(u8, &str)] = &[
    (1, "Informational"),
    (2, "Successful"),
    (3, "Redirection"),
    (4, "Client Error"),
    (5, "Server Error"),
];

/// `[OK](https://tools.ietf.org/html/rfc7231#section-6.3.1)`, or a bare word for statuses
/// no RFC defines.
pub fn meaning(status: Status) -> String {
    match status {
        Status::Code(code) => {
            let section = SECTIONS.iter().find(|(c, _)| *c == code).map(|(_, s)| *s);
            match (status.reason(), section) {
                (Some(phrase), Some(url)) if url.starts_with("https://") => {
                    format!("[{phrase}]({url})")
                }
                (Some(phrase), Some(section)) => format!("[{phrase}]({RFC7231}{section})"),
                _ => "Unknown".to_owned(),
            }
        }
        Status::Range(digit) => match CLASSES.iter().find(|(d, _)| *d == digit) {
            Some((_, phrase)) => format!("[{phrase}]({RFC7231}6.{})", digit + 1),
            None => "Unknown".to_owned(),
        },
        Status::Default => "Default".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::meaning;
    use crate::model::Status;

    #[test]
    fn meanings_link_their_section() {
        assert_eq!(
            meaning(Status::Code(204)),
            "[No Content](https://tools.ietf.org/html/rfc7231#section-6.3.5)"
        );
        assert_eq!(
            meaning(Status::Code(401)),
            "[Unauthorized](https://tools.ietf.org/html/rfc7235#section-3.1)"
        );
        assert_eq!(
            meaning(Status::Range(4)),
            "[Client Error](https://tools.ietf.org/html/rfc7231#section-6.5)"
        );
        assert_eq!(meaning(Status::Code(299)), "Unknown");
        assert_eq!(meaning(Status::Default), "Default");
    }
}
