//! The Meaning column of a responses table: the reason phrase of a status, linked to the RFC
//! section that defines it (RFC 7231 for most; the few it leaves to other RFCs link there).

use crate::model::Status;

const RFC7231: &str = "https://tools.ietf.org/html/rfc7231#section-";

/// Status code, reason phrase, and the defining section (a full URL when not in RFC 7231).
const CODES: &[(u16, &str, &str)] = &[
    (100, "Continue", "6.2.1"),
    (101, "Switching Protocols", "6.2.2"),
    (200, "OK", "6.3.1"),
    (201, "Created", "6.3.2"),
    (202, "Accepted", "6.3.3"),
    (203, "Non-Authoritative Information", "6.3.4"),
    (204, "No Content", "6.3.5"),
    (205, "Reset Content", "6.3.6"),
    (
        206,
        "Partial Content",
        "https://tools.ietf.org/html/rfc7233#section-4.1",
    ),
    (300, "Multiple Choices", "6.4.1"),
    (301, "Moved Permanently", "6.4.2"),
    (302, "Found", "6.4.3"),
    (303, "See Other", "6.4.4"),
    (
        304,
        "Not Modified",
        "https://tools.ietf.org/html/rfc7232#section-4.1",
    ),
    (305, "Use Proxy", "6.4.5"),
    (307, "Temporary Redirect", "6.4.7"),
    (
        308,
        "Permanent Redirect",
        "https://tools.ietf.org/html/rfc7538",
    ),
    (400, "Bad Request", "6.5.1"),
    (
        401,
        "Unauthorized",
        "https://tools.ietf.org/html/rfc7235#section-3.1",
    ),
    (402, "Payment Required", "6.5.2"),
    (403, "Forbidden", "6.5.3"),
    (404, "Not Found", "6.5.4"),
    (405, "Method Not Allowed", "6.5.5"),
    (406, "Not Acceptable", "6.5.6"),
    (
        407,
        "Proxy Authentication Required",
        "https://tools.ietf.org/html/rfc7235#section-3.2",
    ),
    (408, "Request Timeout", "6.5.7"),
    (409, "Conflict", "6.5.8"),
    (410, "Gone", "6.5.9"),
    (411, "Length Required", "6.5.10"),
    (
        412,
        "Precondition Failed",
        "https://tools.ietf.org/html/rfc7232#section-4.2",
    ),
    (413, "Payload Too Large", "6.5.11"),
    (414, "URI Too Long", "6.5.12"),
    (415, "Unsupported Media Type", "6.5.13"),
    (
        416,
        "Range Not Satisfiable",
        "https://tools.ietf.org/html/rfc7233#section-4.4",
    ),
    (417, "Expectation Failed", "6.5.14"),
    (
        422,
        "Unprocessable Entity",
        "https://tools.ietf.org/html/rfc2518#section-10.3",
    ),
    (426, "Upgrade Required", "6.5.15"),
    (
        429,
        "Too Many Requests",
        "https://tools.ietf.org/html/rfc6585#section-4",
    ),
    (500, "Internal Server Error", "6.6.1"),
    (501, "Not Implemented", "6.6.2"),
    (502, "Bad Gateway", "6.6.3"),
    (503, "Service Unavailable", "6.6.4"),
    (504, "Gateway Timeout", "6.6.5"),
    (505, "HTTP Version Not Supported", "6.6.6"),
];

/// Status classes (`2XX`), each a section of RFC 7231 (section 6.2 for `1XX`, and so on).
const CLASSES: &[(u8, &str)] = &[
    (1, "Informational"),
    (2, "Successful"),
    (3, "Redirection"),
    (4, "Client Error"),
    (5, "Server Error"),
];

/// The status as the responses table writes it (`200`, `2XX`, `default`).
pub fn text(status: Status) -> String {
    match status {
        Status::Code(code) => code.to_string(),
        Status::Range(digit) => format!("{digit}XX"),
        Status::Default => "default".to_owned(),
    }
}

/// `[OK](https://tools.ietf.org/html/rfc7231#section-6.3.1)`, or a bare word for statuses
/// no RFC defines.
pub fn meaning(status: Status) -> String {
    match status {
        Status::Code(code) => match CODES.iter().find(|(c, _, _)| *c == code) {
            Some((_, phrase, section)) if section.starts_with("https://") => {
                format!("[{phrase}]({section})")
            }
            Some((_, phrase, section)) => format!("[{phrase}]({RFC7231}{section})"),
            None => "Unknown".to_owned(),
        },
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
