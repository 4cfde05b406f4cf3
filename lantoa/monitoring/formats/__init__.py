"""Readers for what sources bring, one module per kind of input: `feeds` (RSS/Atom/JSON Feed),
`sitemaps` (news sitemaps), `pages` (watched pages), `social` (files of public social-media
posts); `common` holds what they share. Each returns pipeline candidates."""
